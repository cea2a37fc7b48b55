import { DetailError, SkeletonSection } from "../../../../../components/detail-states"
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

export const ContactDetailError = ({ notFound, message }: { notFound: boolean; message?: string }) => (
  <DetailError
    title={notFound ? "Contact not found" : "The contact could not be loaded"}
    description={notFound ? "It may have been merged into another contact or erased." : message ?? "Try again in a moment."}
    backTo="/marketing/contacts"
    backLabel="Back to contacts"
  />
)
