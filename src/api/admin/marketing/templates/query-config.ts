/** A template in the list. */
export const TEMPLATE_LIST_FIELDS = ["*"]
