import type { BadgeColor } from "../events"
import { humanize } from "../format"
import type { RfmGroup } from "./types"
// The server's RFM groups (a Medusa-free module), so the lists never drift.
import { RFM_GROUPS as SERVER_RFM_GROUPS } from "../../../modules/marketing/scoring/rfm"
import {
  LIFECYCLE_STAGES as SERVER_LIFECYCLE_STAGES,
  type LifecycleStage as ServerLifecycleStage,
} from "../../../modules/marketing/scoring/stages"

// Lifecycle stages

// The server's one list of stages (a Medusa-free module): types, filters and badges all read it.
export type LifecycleStage = ServerLifecycleStage

/** Stages in the order a contact usually moves through them. */
export const LIFECYCLE_STAGES: LifecycleStage[] = [...SERVER_LIFECYCLE_STAGES]

const LIFECYCLE_STAGE_INFO: Record<
  LifecycleStage,
  { label: string; color: BadgeColor }
> = {
  subscriber: { label: "Subscriber", color: "grey" },
  lead: { label: "Lead", color: "blue" },
  marketing_qualified: { label: "Marketing qualified", color: "blue" },
  sales_ready: { label: "Sales ready", color: "purple" },
  customer: { label: "Customer", color: "green" },
  repeat_customer: { label: "Repeat customer", color: "green" },
  vip: { label: "VIP", color: "purple" },
  at_risk: { label: "At risk", color: "orange" },
  lost: { label: "Lost", color: "red" },
}

export const isLifecycleStage = (value: unknown): value is LifecycleStage =>
  typeof value === "string" && value in LIFECYCLE_STAGE_INFO

export const getLifecycleStageLabel = (stage: string | null | undefined) => {
  if (!stage) {
    return null
  }
  return isLifecycleStage(stage)
    ? LIFECYCLE_STAGE_INFO[stage].label
    : humanize(stage)
}

export const getLifecycleStageColor = (
  stage: string | null | undefined
): BadgeColor =>
  isLifecycleStage(stage) ? LIFECYCLE_STAGE_INFO[stage].color : "grey"

// RFM groups

/** From the best customers to the ones already gone (the server's own list). */
export const RFM_GROUPS: RfmGroup[] = [...SERVER_RFM_GROUPS]

const RFM_GROUP_COLORS: Record<RfmGroup, BadgeColor> = {
  Champions: "green",
  Loyal: "green",
  "Potential loyalist": "blue",
  "New customer": "blue",
  Promising: "blue",
  "Need attention": "orange",
  "At risk": "orange",
  "Can't lose them": "red",
  Hibernating: "grey",
  Lost: "red",
}

export const isRfmGroup = (value: unknown): value is RfmGroup =>
  typeof value === "string" && value in RFM_GROUP_COLORS

export const getRfmGroupColor = (group: string | null | undefined): BadgeColor =>
  isRfmGroup(group) ? RFM_GROUP_COLORS[group] : "grey"

/** The colour of a badge as a CSS value, for SVG charts. */
export const badgeColorVar = (color: BadgeColor) =>
  `var(--tag-${color === "grey" ? "neutral" : color}-icon)`

