import type { BadgeColor } from "../events"
import { humanize } from "../format"
import type {
  CapPeriod,
  ScoreComponent,
  ScoringRule,
  ScoringRuleKind,
} from "./types"

export const SCORING_RULE_KINDS: ScoringRuleKind[] = [
  "engagement",
  "fit",
  "loyalty",
]

export const SCORING_RULE_KIND_INFO: Record<
  ScoringRuleKind,
  { label: string; color: BadgeColor; description: string }
> = {
  engagement: {
    label: "Engagement",
    color: "blue",
    description:
      "Points for what the contact does. They count towards the acquisition score and fade with the half-life.",
  },
  fit: {
    label: "Fit",
    color: "purple",
    description:
      "Points for who the contact is (country, device, age band…). They count towards the acquisition score while the contact matches.",
  },
  loyalty: {
    label: "Loyalty",
    color: "green",
    description:
      "Points for what a customer does. They count towards the loyalty score next to RFM.",
  },
}

/** Engagement and loyalty rules react to events; fit rules to attributes. */
export const isEventRuleKind = (kind: ScoringRuleKind) => kind !== "fit"

export const CAP_PERIODS: CapPeriod[] = ["day", "week", "month", "ever"]

export const CAP_PERIOD_LABELS: Record<CapPeriod, string> = {
  day: "Per day",
  week: "Per week",
  month: "Per month",
  ever: "In total",
}

export const MAX_RULE_POINTS = 1000

const numberFormatter = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
})

/** Scores can carry decimals after decay: "42.5". */
export const formatScore = (value: number | null | undefined) =>
  typeof value === "number" && Number.isFinite(value)
    ? numberFormatter.format(value)
    : "-"

/** "+5", "−3" (with a true minus sign), "0". */
export const formatSigned = (value: number) => {
  if (!Number.isFinite(value) || value === 0) {
    return "0"
  }
  const abs = numberFormatter.format(Math.abs(value))
  return value > 0 ? `+${abs}` : `\u2212${abs}`
}

/** "3 per day", "1 per week", "5 in total"; null without a cap. */
export const formatCap = (
  rule: Pick<ScoringRule, "cap_count" | "cap_period">
) => {
  if (!rule.cap_count || !rule.cap_period) {
    return null
  }
  switch (rule.cap_period) {
    case "day":
      return `${rule.cap_count} per day`
    case "week":
      return `${rule.cap_count} per week`
    case "month":
      return `${rule.cap_count} per month`
    default:
      return `${rule.cap_count} in total`
  }
}

const SCORE_COMPONENT_LABELS: Record<ScoreComponent, string> = {
  engagement: "Engagement",
  fit: "Fit",
  rfm: "RFM",
  loyalty_rule: "Loyalty rule",
}

export const getScoreComponentLabel = (component: string) =>
  SCORE_COMPONENT_LABELS[component as ScoreComponent] ?? humanize(component)
