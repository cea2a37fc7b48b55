import { DetailError, SkeletonSection } from "../../../../../components/detail-states"
import { TwoColumnLayout } from "../../../../../components/layouts/two-column-layout"

export const SegmentDetailSkeleton = () => (
  <TwoColumnLayout
    main={
      <>
        <SkeletonSection rows={3} />
        <SkeletonSection rows={5} />
      </>
    }
    side={<SkeletonSection rows={3} />}
  />
)

export const SegmentDetailError = ({ notFound, message }: { notFound: boolean; message?: string }) => (
  <DetailError
    title={notFound ? "Segment not found" : "The segment could not be loaded"}
    description={notFound ? "It may have been deleted." : message ?? "Try again in a moment."}
    backTo="/marketing/segments"
    backLabel="Back to segments"
  />
)
