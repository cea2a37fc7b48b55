/**
 * A send step's automatic A/B decision as the step drawer writes it, from
 * `GET /admin/marketing/flows/:id/ab-decisions`. Pure, unit tested.
 */
import { formatCount } from "../format"

export type FlowAbDecision = {
  flow_version_id: string
  step_id: string
  metric: string
  winner: string
  test: string
  p_value: number
  confidence: number
  /** Per variant key: { recipients, successes | revenue, value }; also currency_code, min_sample, statistic. */
  samples: Record<string, unknown>
  decided_at: string
}
export type FlowAbDecisionsResponse = { decisions: FlowAbDecision[] }

export const AB_METRIC_LABELS: Record<string, string> = {
  click_rate: "Click rate",
  conversion_rate: "Conversion rate",
  revenue_per_recipient: "Revenue per recipient",
}

const TEST_LABELS: Record<string, string> = { z_test: "z-test", chi_square: "chi-square test", welch_z: "Welch's z-test" }

/** "p < 0.001" or "p = 0.032". */
export const formatPValue = (p: number) => (p < 0.001 ? "p < 0.001" : `p = ${p.toFixed(3)}`)

type VariantSample = { recipients: number; successes?: number; revenue?: number; value: number }
const isSample = (v: unknown): v is VariantSample => !!v && typeof v === "object" && typeof (v as VariantSample).recipients === "number"

/**
 * ["Winner: B (click rate)", "z-test, p = 0.012 at 95% confidence", "A 500 · 8.0% · B 500 · 12.0%", "Decided …"].
 * `decided` is the time as the caller formats it.
 */
export const abDecisionLines = (d: FlowAbDecision, decided: string): string[] => {
  const currency = typeof d.samples.currency_code === "string" ? d.samples.currency_code.toUpperCase() : ""
  const revenue = d.metric === "revenue_per_recipient"
  const variants = Object.entries(d.samples)
    .filter((e): e is [string, VariantSample] => isSample(e[1]))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, s]) => `${key.toUpperCase()} ${formatCount(s.recipients)} · ${revenue ? `${s.value.toFixed(2)}${currency ? ` ${currency}` : ""}` : `${(s.value * 100).toFixed(1)}%`}`)
  return [
    `Winner: ${d.winner.toUpperCase()} (${(AB_METRIC_LABELS[d.metric] ?? d.metric).toLowerCase()})`,
    `${TEST_LABELS[d.test] ?? d.test}, ${formatPValue(d.p_value)} at ${Math.round(d.confidence * 1000) / 10}% confidence`,
    variants.join(" · "),
    `Decided ${decided}`,
  ].filter(Boolean)
}

/** A send step's variant as the step form edits it. */
export type VariantDraft = { key: string; weight: number; template_id?: string; subject?: string }

const VARIANT_KEYS = ["a", "b", "c", "d"]

/** Weights as even as whole percents allow, the remainder on the first ones: 3 → [34, 33, 33]. */
export const evenWeights = (count: number): number[] =>
  Array.from({ length: count }, (_, i) => Math.floor(100 / count) + (i < 100 % count ? 1 : 0))

/** Starting an A/B test: two variants, both with the step's template, split 50/50. */
export const startVariants = (): VariantDraft[] => evenWeights(2).map((weight, i) => ({ key: VARIANT_KEYS[i], weight }))

/** One more variant (the first free key), weights evened out; null at the maximum. */
export const addVariant = (variants: VariantDraft[], max: number): VariantDraft[] | null => {
  if (variants.length >= max) return null
  const key = VARIANT_KEYS.find((k) => !variants.some((v) => v.key === k))
  if (!key) return null
  const next = [...variants, { key, weight: 0 }]
  const weights = evenWeights(next.length)
  return next.map((v, i) => ({ ...v, weight: weights[i] }))
}

/**
 * Without the variant at `index`, weights evened out. Below `min` variants
 * there is no test left: null, and the step sends its own template to everyone.
 */
export const removeVariant = (variants: VariantDraft[], index: number, min: number): VariantDraft[] | null => {
  const next = variants.filter((_, i) => i !== index)
  if (next.length < min) return null
  const weights = evenWeights(next.length)
  return next.map((v, i) => ({ ...v, weight: weights[i] }))
}

/** What keeps the variants from being saved, or null: the weights must add up to 100. */
export const variantsProblem = (variants: VariantDraft[]): string | null => {
  const total = variants.reduce((sum, v) => sum + (Number.isFinite(v.weight) ? v.weight : 0), 0)
  if (variants.some((v) => !Number.isInteger(v.weight) || v.weight < 1 || v.weight > 99)) return "Each variant's share is a whole percent from 1 to 99"
  return total === 100 ? null : `The variants' shares add up to ${total}%, not 100%`
}
