import { useContact } from "../../../../../hooks/api/contacts"
import { getContactTitle, shortId } from "../../../../../lib/format"

/**
 * The contact's email (or "Anonymous visitor") in the admin's breadcrumbs.
 * It reads the same cached query as the page, so it costs no request.
 */
export const ContactBreadcrumb = ({ id }: { id?: string }) => {
  const { contact } = useContact(id)

  if (contact) {
    return <span>{getContactTitle(contact)}</span>
  }
  return <span>{id ? shortId(id) : "Contact"}</span>
}
