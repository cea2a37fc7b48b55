import { decideAbWinner } from "../flows/ab-test"
import { FORM_AB_MIN_VIEWS, FORM_STATS_DAYS } from "./types"

/** One variant's counters over the window. */
export type VariantCounts = { id: string; views: number; closes: number; submissions: number }

export type VariantStats = { id: string; views: number; closes: number; submissions: number; submit_rate: number | null }

export type FormWinner = { id: string; p_value: number; submit_rate: number }

export type FormStats = {
  days: number
  views: number
  closes: number
  submissions: number
  submit_rate: number | null
  variants: VariantStats[]
  /** The variant with the best submit rate when the difference is significant (95 %), each variant having at least `min_views`. */
  winner: FormWinner | null
  /** Why there is no winner: `single_variant`, `below_min_sample`, `not_significant`, `tie`; null when there is one. */
  ab_reason: string | null
  min_views: number
}

const rate = (submissions: number, views: number) => (views > 0 ? submissions / views : null)

/**
 * A form's figures over its window: per variant and in all, the submit rate
 * (submissions per view), and the A/B winner by the flows' own test (a
 * two-proportion z-test on submissions over views, see flows/ab-test.ts).
 * Every variant of the form is listed, with zeros when it has no counts yet.
 */
export function formStats(variantIds: string[], counts: VariantCounts[], minViews = FORM_AB_MIN_VIEWS): FormStats {
  const byId = new Map(counts.map((c) => [c.id, c]))
  const ids = [...variantIds, ...counts.map((c) => c.id).filter((id) => !variantIds.includes(id))]
  const variants = ids.map((id) => {
    const c = byId.get(id) ?? { id, views: 0, closes: 0, submissions: 0 }
    return { id, views: c.views, closes: c.closes, submissions: c.submissions, submit_rate: rate(c.submissions, c.views) }
  })
  const views = variants.reduce((s, v) => s + v.views, 0)
  const closes = variants.reduce((s, v) => s + v.closes, 0)
  const submissions = variants.reduce((s, v) => s + v.submissions, 0)
  let winner: FormWinner | null = null
  let reason: string | null = "single_variant"
  const tested = variants.filter((v) => variantIds.includes(v.id))
  if (tested.length >= 2) {
    const verdict = decideAbWinner(
      // A submission without a counted view (blocked beacon) never makes a rate above 1.
      tested.map((v) => ({ key: v.id, recipients: v.views, successes: Math.min(v.submissions, v.views) })),
      { metric: "conversion_rate", min_sample: minViews }
    )
    reason = verdict.winner ? null : verdict.reason
    if (verdict.winner) {
      winner = { id: verdict.winner, p_value: verdict.p_value!, submit_rate: verdict.samples[verdict.winner].value }
    }
  }
  return { days: FORM_STATS_DAYS, views, closes, submissions, submit_rate: rate(submissions, views), variants, winner, ab_reason: reason, min_views: minViews }
}
