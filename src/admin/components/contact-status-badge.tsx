import { Badge } from "@medusajs/ui"
import { isKnownContact } from "../lib/format"
import type { Contact } from "../lib/types"

/** "Known" once the person gave an email or became a customer. */
export const ContactStatusBadge = ({
  contact,
}: {
  contact: Pick<Contact, "email" | "customer_id">
}) =>
  isKnownContact(contact) ? (
    <Badge size="2xsmall" color="green">
      Known
    </Badge>
  ) : (
    <Badge size="2xsmall" color="grey">
      Anonymous
    </Badge>
  )
