import type { RfmGroup } from "./rfm"

/** The stages leads climb by acquisition score, in order. */
export const ACQUISITION_STAGES = ["subscriber", "lead", "marketing_qualified", "sales_ready"] as const
/** Every lifecycle stage, in order: the one list the model, validators and admin use. */
export const LIFECYCLE_STAGES = [...ACQUISITION_STAGES, "customer", "repeat_customer", "vip", "at_risk", "lost"] as const
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number]

export type StageThresholds = {
  lead_threshold: number
  marketing_qualified_threshold: number
  sales_ready_threshold: number
  repeat_customer_orders: number
  vip_loyalty_score: number
}

export type StageInput = {
  current: LifecycleStage | null
  acquisition_score: number
  order_count: number
  loyalty_score: number
  rfm_group: RfmGroup | string | null
}

/**
 * RFM groups that move a customer out of customer / repeat customer / VIP,
 * whatever their orders and loyalty score. The other groups leave the stage to them.
 */
export const RFM_GROUP_STAGES: Partial<Record<RfmGroup, "at_risk" | "lost">> = {
  "At risk": "at_risk",
  "Can't lose them": "at_risk",
  Hibernating: "lost",
  Lost: "lost",
}

/** The stage an RFM group forces, if any. */
export function stageOfRfmGroup(group: string | null): "at_risk" | "lost" | null {
  return (group && RFM_GROUP_STAGES[group as RfmGroup]) || null
}

const ACQUISITION_THRESHOLDS: [keyof StageThresholds, LifecycleStage][] = [
  ["sales_ready_threshold", "sales_ready"],
  ["marketing_qualified_threshold", "marketing_qualified"],
  ["lead_threshold", "lead"],
]

/**
 * Where a contact belongs. Leads climb by acquisition score and do not fall
 * back when points decay (a sales-ready lead stays one until they buy);
 * customers are placed by orders, loyalty and RFM, so they can become
 * "at risk" or "lost" and come back.
 */
export function stageFor(input: StageInput, t: StageThresholds): LifecycleStage {
  if (input.order_count > 0) {
    const forced = stageOfRfmGroup(input.rfm_group)
    if (forced) return forced
    if (input.loyalty_score >= t.vip_loyalty_score) return "vip"
    if (input.order_count >= t.repeat_customer_orders) return "repeat_customer"
    return "customer"
  }
  let reached: LifecycleStage = "subscriber"
  for (const [key, stage] of ACQUISITION_THRESHOLDS) {
    if (input.acquisition_score >= t[key]) {
      reached = stage
      break
    }
  }
  const current = input.current
  if (current && (ACQUISITION_STAGES as readonly string[]).includes(current)) {
    const rank = (s: LifecycleStage) => (ACQUISITION_STAGES as readonly string[]).indexOf(s)
    return rank(current) > rank(reached) ? current : reached
  }
  return reached
}

export type ThresholdCrossing = {
  /** The stage threshold crossed; null for a flow's own threshold (a `score_threshold` trigger). */
  threshold: "lead" | "marketing_qualified" | "sales_ready" | null
  value: number
  direction: "up" | "down"
}

/** The values a score change passed: up when it reached one, down when it fell below. */
export function valuesCrossed(before: number, after: number, values: readonly number[]): { value: number; direction: "up" | "down" }[] {
  const crossed: { value: number; direction: "up" | "down" }[] = []
  for (const value of new Set(values)) {
    if (before < value && after >= value) crossed.push({ value, direction: "up" })
    if (before >= value && after < value) crossed.push({ value, direction: "down" })
  }
  return crossed
}

/**
 * The acquisition thresholds a score change passed, in either direction: the
 * stage thresholds by name, then `flowValues` (active flows' triggers) that
 * are not also a stage threshold.
 */
export function thresholdsCrossed(before: number, after: number, t: StageThresholds, flowValues: readonly number[] = []): ThresholdCrossing[] {
  const crossings: ThresholdCrossing[] = []
  const stageValues = new Set<number>()
  for (const [key, stage] of ACQUISITION_THRESHOLDS) {
    stageValues.add(t[key])
    for (const c of valuesCrossed(before, after, [t[key]])) crossings.push({ threshold: stage as ThresholdCrossing["threshold"], ...c })
  }
  for (const c of valuesCrossed(before, after, flowValues.filter((v) => !stageValues.has(v)))) crossings.push({ threshold: null, ...c })
  return crossings
}
