import quantile from "@stdlib/stats-base-dists-normal-quantile"

export type Lift = { absolute: number | null; relative: number | null; ci_low: number | null; ci_high: number | null; confidence: number }

/** Two-sided z for a confidence level (0.95 → 1.959964…). */
export const zFor = (confidence: number) => quantile(1 - (1 - confidence) / 2, 0, 1)

/**
 * Treated conversion rate minus holdout rate, with its confidence interval by
 * the normal approximation and the unpooled standard error
 * sqrt(p1(1−p1)/n1 + p0(1−p0)/n0). `relative` is the absolute lift over the
 * holdout rate (null when that rate is 0). Everything is null when a group is empty.
 */
export function liftInterval(
  treated: { conversions: number; contacts: number },
  holdout: { conversions: number; contacts: number },
  confidence = 0.95
): Lift {
  if (!treated.contacts || !holdout.contacts) return { absolute: null, relative: null, ci_low: null, ci_high: null, confidence }
  const p1 = treated.conversions / treated.contacts
  const p0 = holdout.conversions / holdout.contacts
  const absolute = p1 - p0
  const se = Math.sqrt((p1 * (1 - p1)) / treated.contacts + (p0 * (1 - p0)) / holdout.contacts)
  const z = zFor(confidence)
  return {
    absolute,
    relative: p0 > 0 ? absolute / p0 : null,
    ci_low: absolute - z * se,
    ci_high: absolute + z * se,
    confidence,
  }
}

/** a / b, null when b is 0. */
export const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null)
