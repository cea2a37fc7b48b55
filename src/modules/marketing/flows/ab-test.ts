import chisquareCdf from "@stdlib/stats-base-dists-chisquare-cdf"
import normalCdf from "@stdlib/stats-base-dists-normal-cdf"
import { AB_DEFAULT_CONFIDENCE, AB_DEFAULT_MIN_SAMPLE, type AbMetric } from "./types"

/**
 * Automatic A/B winners for flow send steps: pure statistics, no Medusa.
 *
 * - click_rate, conversion_rate: a two-proportion z-test for 2 variants, a
 *   chi-square test of independence (variants × success/failure) for 3 or 4;
 *   when significant the winner is the variant with the best rate.
 * - revenue_per_recipient: Welch's z-test on the means (best variant against
 *   each other one, Bonferroni-corrected when there are more than 2).
 *
 * Never decides before every variant has `min_sample` recipients; a tie for
 * the best value never produces a winner.
 */


export type AbTestName = "z_test" | "chi_square" | "welch_z"

/** One variant's counts: `successes` for rates; `sum`/`sum_sq` of revenue per recipient for revenue. */
export type VariantSample = { key: string; recipients: number; successes?: number; sum?: number; sum_sq?: number }

export type AbVerdict = {
  /** Null: not enough data, not significant, or a tie. */
  winner: string | null
  test: AbTestName
  /** Null when the test did not run (a variant below min_sample). */
  p_value: number | null
  statistic: number | null
  reason: "below_min_sample" | "not_significant" | "tie" | "significant"
  /** Per variant: recipients, successes or revenue, and the rate or mean. */
  samples: Record<string, { recipients: number; successes?: number; revenue?: number; value: number }>
}

export type AbOptions = { metric: AbMetric; confidence?: number; min_sample?: number }

/** Two-sided p-value of a standard normal statistic. */
function twoSided(z: number): number {
  return 2 * (1 - normalCdf(Math.abs(z), 0, 1))
}

/**
 * Two-proportion z-test with the pooled proportion: z = (p1 − p2) / √(p(1−p)(1/n1 + 1/n2)).
 * Both rates 0 (or both 1) give no evidence: z = 0, p = 1.
 */
export function twoProportionZTest(x1: number, n1: number, x2: number, n2: number): { z: number; p_value: number } {
  const p = (x1 + x2) / (n1 + n2)
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2))
  if (!(se > 0)) return { z: 0, p_value: 1 }
  const z = (x1 / n1 - x2 / n2) / se
  return { z, p_value: twoSided(z) }
}

/**
 * Pearson's chi-square test of independence on a k × 2 table (variant ×
 * success/failure), k − 1 degrees of freedom. A column with no count (no
 * success at all, or all successes) gives no evidence: p = 1.
 */
export function chiSquareTest(rows: { successes: number; recipients: number }[]): { chi2: number; df: number; p_value: number } {
  const n = rows.reduce((s, r) => s + r.recipients, 0)
  const successes = rows.reduce((s, r) => s + r.successes, 0)
  const failures = n - successes
  const df = rows.length - 1
  if (successes === 0 || failures === 0) return { chi2: 0, df, p_value: 1 }
  let chi2 = 0
  for (const r of rows) {
    const es = (r.recipients * successes) / n
    const ef = (r.recipients * failures) / n
    chi2 += (r.successes - es) ** 2 / es + (r.recipients - r.successes - ef) ** 2 / ef
  }
  return { chi2, df, p_value: 1 - chisquareCdf(chi2, df) }
}

/**
 * Welch's test on two means with a normal reference distribution:
 * z = (m1 − m2) / √(s1²/n1 + s2²/n2), unequal variances allowed.
 *
 * Why the normal and not Student's t: revenue per recipient is mostly zeros
 * with a few orders, far from normal, but the statistic is a difference of
 * two means of at least `min_sample` (≥ 100, default 500) independent
 * recipients each, so by the central limit theorem each mean is close to
 * normal; Welch–Satterthwaite degrees of freedom are then in the hundreds,
 * where t and the standard normal differ in the third decimal of a p-value.
 * Decisions never run below the minimum sample, so the approximation holds
 * wherever it is used. Equal means with no spread give z = 0, p = 1.
 */
export function welchZTest(
  a: { n: number; sum: number; sum_sq: number },
  b: { n: number; sum: number; sum_sq: number }
): { z: number; p_value: number } {
  const ma = a.sum / a.n
  const mb = b.sum / b.n
  const va = variance(a)
  const vb = variance(b)
  const se = Math.sqrt(va / a.n + vb / b.n)
  if (!(se > 0)) return { z: 0, p_value: 1 }
  const z = (ma - mb) / se
  return { z, p_value: twoSided(z) }
}

/** Sample variance (n − 1) from a sum and a sum of squares; never negative. */
function variance(s: { n: number; sum: number; sum_sq: number }): number {
  if (s.n < 2) return 0
  return Math.max(0, (s.sum_sq - (s.sum * s.sum) / s.n) / (s.n - 1))
}

/** Values equal to within this are a tie (floating noise in sums of money). */
const TIE = 1e-12

/**
 * The decision rule: given each variant's sample, a winner or why not.
 * `p_value < 1 − confidence` is significant.
 */
export function decideAbWinner(variants: VariantSample[], options: AbOptions): AbVerdict {
  const confidence = options.confidence ?? AB_DEFAULT_CONFIDENCE
  const minSample = options.min_sample ?? AB_DEFAULT_MIN_SAMPLE
  const alpha = 1 - confidence
  const revenue = options.metric === "revenue_per_recipient"
  const test: AbTestName = revenue ? "welch_z" : variants.length === 2 ? "z_test" : "chi_square"
  const value = (v: VariantSample) => (v.recipients > 0 ? (revenue ? (v.sum ?? 0) : (v.successes ?? 0)) / v.recipients : 0)
  const samples: AbVerdict["samples"] = {}
  for (const v of variants) {
    samples[v.key] = revenue
      ? { recipients: v.recipients, revenue: v.sum ?? 0, value: value(v) }
      : { recipients: v.recipients, successes: v.successes ?? 0, value: value(v) }
  }
  const verdict = (rest: Omit<AbVerdict, "test" | "samples">): AbVerdict => ({ ...rest, test, samples })
  if (variants.length < 2 || variants.some((v) => v.recipients < minSample)) {
    return verdict({ winner: null, p_value: null, statistic: null, reason: "below_min_sample" })
  }
  const ranked = [...variants].sort((x, y) => value(y) - value(x))
  const best = ranked[0]
  const tie = value(best) - value(ranked[1]) <= TIE

  let p: number
  let statistic: number
  if (revenue) {
    // Best against each other variant; with k > 2, k − 1 comparisons share alpha (Bonferroni): report the largest corrected p.
    const stats = ranked.slice(1).map((o) =>
      welchZTest(
        { n: best.recipients, sum: best.sum ?? 0, sum_sq: best.sum_sq ?? 0 },
        { n: o.recipients, sum: o.sum ?? 0, sum_sq: o.sum_sq ?? 0 }
      )
    )
    const worst = stats.reduce((m, s) => (s.p_value > m.p_value ? s : m))
    p = Math.min(1, worst.p_value * stats.length)
    statistic = worst.z
  } else if (variants.length === 2) {
    const [a, b] = variants
    const r = twoProportionZTest(a.successes ?? 0, a.recipients, b.successes ?? 0, b.recipients)
    p = r.p_value
    statistic = r.z
  } else {
    const r = chiSquareTest(variants.map((v) => ({ successes: v.successes ?? 0, recipients: v.recipients })))
    p = r.p_value
    statistic = r.chi2
  }
  if (tie) return verdict({ winner: null, p_value: p, statistic, reason: "tie" })
  if (!(p < alpha)) return verdict({ winner: null, p_value: p, statistic, reason: "not_significant" })
  return verdict({ winner: best.key, p_value: p, statistic, reason: "significant" })
}
