import { SkeletonSection } from "../../../../../components/detail-states"
import { TwoColumnLayout } from "../../../../../components/layouts/two-column-layout"

export const ContactDetailSkeleton = () => (
  <TwoColumnLayout
    main={
      <>
        <SkeletonSection rows={3} />
        <SkeletonSection rows={5} />
      </>
    }
    side={
      <>
        <SkeletonSection rows={4} />
        <SkeletonSection rows={3} />
      </>
    }
  />
)

/** How the contact page loads and what it says when the contact is missing. */
export const CONTACT_DETAIL = {
  skeleton: <ContactDetailSkeleton />,
  noun: "contact",
  listPath: "/marketing/contacts",
  gone: "It may have been merged into another contact or erased.",
}
