import { SkeletonSection } from "../../../../../components/detail-states"
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

/** How the segment page loads and what it says when the segment is missing. */
export const SEGMENT_DETAIL = {
  skeleton: <SegmentDetailSkeleton />,
  noun: "segment",
  listPath: "/marketing/segments",
  gone: "It may have been deleted.",
}
