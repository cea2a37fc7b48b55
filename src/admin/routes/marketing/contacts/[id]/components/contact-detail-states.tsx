import { TwoColumnSkeleton } from "../../../../../components/detail-states"

export const ContactDetailSkeleton = () => (
  <TwoColumnSkeleton main={[3, 5]} side={[4, 3]} />
)

/** How the contact page loads and what it says when the contact is missing. */
export const CONTACT_DETAIL = {
  skeleton: <ContactDetailSkeleton />,
  noun: "contact",
  listPath: "/marketing/contacts",
  gone: "It may have been merged into another contact or erased.",
}
