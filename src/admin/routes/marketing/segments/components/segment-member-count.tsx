import { Text } from "@medusajs/ui"
import { formatCount } from "../../../../lib/segments"
import type { Segment } from "../../../../lib/types"

/** The member count, or "Building…" until the members were computed once. */
export const SegmentMemberCount = ({
  segment,
}: {
  segment: Pick<Segment, "member_count" | "built_at">
}) =>
  segment.built_at ? (
    <Text
      as="span"
      size="small"
      leading="compact"
      data-testid="segment-member-count"
      data-count={segment.member_count}
    >
      {formatCount(segment.member_count)}
    </Text>
  ) : (
    <Text
      as="span"
      size="small"
      leading="compact"
      className="text-ui-fg-muted"
      data-testid="segment-member-count"
      data-building="true"
    >
      Building…
    </Text>
  )
