import { TwoColumnSkeleton } from "../../../../../components/detail-states"

export const SegmentDetailSkeleton = () => (
  <TwoColumnSkeleton main={[3, 5]} side={[3]} />
)

/** How the segment page loads and what it says when the segment is missing. */
export const SEGMENT_DETAIL = {
  skeleton: <SegmentDetailSkeleton />,
  noun: "segment",
  listPath: "/marketing/segments",
  gone: "It may have been deleted.",
}
