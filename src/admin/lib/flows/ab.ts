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
