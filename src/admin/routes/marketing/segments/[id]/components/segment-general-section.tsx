import { ArrowDownTray, PencilSquare, Trash } from "@medusajs/icons"
import { Badge, Container, Heading, Text } from "@medusajs/ui"
import { useId } from "react"
import { Link } from "react-router-dom"
import { ActionMenu } from "../../../../../components/action-menu"
import { RelativeTime } from "../../../../../components/relative-time"
import { SectionRow } from "../../../../../components/section-row"
import { Sparkline } from "../../../../../components/sparkline"
import { formatCount } from "../../../../../lib/segments"
import type { Segment } from "../../../../../lib/types"
import { SegmentMemberCount } from "../../components/segment-member-count"
import { SegmentMirrorSwitch } from "../../components/segment-mirror-switch"

const trendChange = (segment: Segment) => {
  const trend = segment.trend ?? []
  if (trend.length < 2) {
    return null
  }
  const delta = trend[trend.length - 1].count - trend[0].count
  if (delta === 0) {
    return "No change in 30 days"
  }
  return `${delta > 0 ? "+" : "\u2212"}${formatCount(Math.abs(delta))} in 30 days`
}

/** Name, description, members and their trend, the customer group switch. */
export const SegmentGeneralSection = ({
  segment,
  onEdit,
  onDelete,
  onExport,
}: {
  segment: Segment
  onEdit: () => void
  onDelete: () => void
  /** Opens "Export" (a CSV of the members, or an ad audience). */
  onExport: () => void
}) => {
  const mirrorId = useId()
  const change = trendChange(segment)

  return (
    <Container className="divide-y p-0" data-testid="segment-general">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="flex min-w-0 flex-col gap-y-1">
          <div className="flex items-center gap-x-2">
            <Heading level="h1">{segment.name}</Heading>
            {segment.built_in_key ? (
              <Badge size="2xsmall" color="blue">
                Built-in
              </Badge>
            ) : null}
          </div>
          {segment.description ? (
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              {segment.description}
            </Text>
          ) : null}
        </div>
        <ActionMenu
          label="Segment actions"
          testId="segment-actions"
          groups={[
            [
              { label: "Edit", icon: <PencilSquare />, onClick: onEdit },
              { label: "Export", icon: <ArrowDownTray />, onClick: onExport },
            ],
            [{ label: "Delete", icon: <Trash />, onClick: onDelete }],
          ]}
        />
      </div>
      <SectionRow title="Members" value={<SegmentMemberCount segment={segment} />} />
      <SectionRow
        title="Last 30 days"
        value={
          <div className="flex flex-col gap-y-1">
            <Sparkline
              points={segment.trend ?? []}
              width={200}
              height={40}
              testId="segment-detail-sparkline"
            />
            {change ? (
              <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
                {change}
              </Text>
            ) : null}
          </div>
        }
      />
      <SectionRow
        title="Members updated"
        value={
          <Text size="small" leading="compact">
            <RelativeTime date={segment.built_at} />
          </Text>
        }
      />
      <div className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-4">
        <label htmlFor={mirrorId} className="flex flex-col">
          <Text size="small" leading="compact" weight="plus">
            Mirror to customer group
          </Text>
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
            For price lists and promotions
          </Text>
        </label>
        <div className="flex min-w-0 flex-wrap items-center gap-2">
          <SegmentMirrorSwitch segment={segment} id={mirrorId} />
          {segment.mirror_to_customer_group && segment.customer_group_id ? (
            <Link
              to={`/customer-groups/${segment.customer_group_id}`}
              className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover txt-compact-small"
              data-testid="segment-customer-group-link"
            >
              View group
            </Link>
          ) : null}
        </div>
      </div>
    </Container>
  )
}
