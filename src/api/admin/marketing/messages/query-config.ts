import { MESSAGE_FIELDS } from "../../../../workflows/email/utils/message-fields"

/** A message in the log. */
export const MESSAGE_LIST_FIELDS = MESSAGE_FIELDS

/** One message, with the context it was rendered with. */
export const MESSAGE_DETAIL_FIELDS = [...MESSAGE_FIELDS, "context"]
