import { Badge, Container, Text, Tooltip } from "@medusajs/ui"
import { LifecycleStageBadge } from "../../../../../components/lifecycle-stage-badge"
import { RelativeTime } from "../../../../../components/relative-time"
import { RfmGroupBadge } from "../../../../../components/rfm-group-badge"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionGroup, SectionRow } from "../../../../../components/section-row"
import { formatAmount } from "../../../../../lib/format"
import { formatScore } from "../../../../../lib/scoring"
import type { Contact } from "../../../../../lib/types"

const Score = ({ value }: { value: number | null | undefined }) => (
  <Text size="small" leading="compact" weight="plus" className="text-ui-fg-base">
    {formatScore(value)}
  </Text>
)

const RFM_PARTS = [
  { key: "rfm_recency", letter: "R", label: "Recency" },
  { key: "rfm_frequency", letter: "F", label: "Frequency" },
  { key: "rfm_monetary", letter: "M", label: "Monetary value" },
] as const

/** Recency, frequency and monetary value, each 1 (lowest) to 5 (best). */
const RfmValue = ({ contact }: { contact: Contact }) => {
  if (RFM_PARTS.every(({ key }) => contact[key] === null || contact[key] === undefined)) {
    return null
  }
  return (
    <div className="flex items-center gap-x-1" data-testid="marketing-contact-rfm">
      {RFM_PARTS.map(({ key, letter, label }) => (
        <Tooltip key={key} content={`${label}: ${contact[key] ?? "-"} of 5`}>
          <Badge size="2xsmall" color="grey" className="font-mono">
            {letter}
            {contact[key] ?? "-"}
          </Badge>
        </Tooltip>
      ))}
    </div>
  )
}

/** Where the contact stands: stage, acquisition and loyalty scores. */
export const ContactScoresSection = ({ contact }: { contact: Contact }) => (
  <Container className="divide-y p-0" data-testid="marketing-contact-scores">
    <SectionHeader
      title="Scores"
      description="Acquisition for leads, loyalty for customers"
    />
    <SectionRow
      title="Lifecycle stage"
      value={
        <div className="flex flex-col items-start gap-y-1">
          <LifecycleStageBadge stage={contact.lifecycle_stage} />
          {contact.lifecycle_stage_at ? (
            <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
              Since <RelativeTime date={contact.lifecycle_stage_at} />
            </Text>
          ) : null}
        </div>
      }
    />
    <SectionGroup title="Acquisition" />
    <SectionRow
      title="Acquisition score"
      value={<Score value={contact.acquisition_score} />}
    />
    <SectionRow title="Engagement" value={formatScore(contact.engagement_score)} />
    <SectionRow title="Fit" value={formatScore(contact.fit_score)} />
    <SectionGroup title="Loyalty" />
    <SectionRow
      title="Loyalty score"
      value={<Score value={contact.loyalty_score} />}
    />
    <SectionRow title="RFM" value={<RfmValue contact={contact} />} />
    <SectionRow
      title="RFM group"
      value={
        contact.rfm_group ? <RfmGroupBadge group={contact.rfm_group} /> : null
      }
    />
    <SectionRow title="Loyalty points" value={formatScore(contact.loyalty_points)} />
    <SectionRow
      title="Orders"
      value={
        typeof contact.order_count === "number" ? String(contact.order_count) : null
      }
    />
    <SectionRow
      title="Total spent"
      value={formatAmount(contact.total_spent, null)}
    />
    <SectionRow
      title="Last order"
      value={
        contact.last_order_at ? (
          <Text size="small" leading="compact">
            <RelativeTime date={contact.last_order_at} />
          </Text>
        ) : null
      }
    />
  </Container>
)
