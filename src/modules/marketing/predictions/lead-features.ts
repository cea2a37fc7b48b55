/**
 * Purchase propensity's features (Medusa-free): what the SQL reads per lead
 * as of a reference time, and how each row becomes the regression's numbers.
 * Behaviour is mostly yes/no thresholds, so each weight reads as a sentence
 * ("viewed 3+ products in 7 days: ×2.4 odds"); scores count per 10 points.
 */
import { oddsLabel, type OddsRatio } from "./propensity"

/** One lead as of a reference time: counts in the 7 and 30 days before it, scores then, profile now. */
export type LeadRow = {
  contact_id: string
  product_views_7d: number
  product_views_30d: number
  carts_7d: number
  carts_30d: number
  checkouts_30d: number
  page_views_30d: number
  /** Distinct storefront sessions. */
  sessions_30d: number
  /** Engaged time on the site (the tracker's `page_engaged` reports), in milliseconds. */
  engaged_ms_30d: number
  /** Human opens and clicks only (proxies and scanners are not events). */
  email_opens_30d: number
  email_clicks_30d: number
  /** Engagement points (decayed to the reference time) and fit points, from the score ledger. */
  engagement_points: number
  fit_points: number
  first_channel: string | null
  device_type: string | null
  /** A first order within 30 days after the reference time. */
  bought: boolean
}

type Feature = { key: string; words: string; value: (r: LeadRow) => number }

const yes = (v: boolean) => (v ? 1 : 0)

/** Channels of the first touch, against "direct or unknown". */
const CHANNEL_WORDS: Record<string, string> = {
  organic_search: "organic search",
  paid_search: "paid search",
  social: "social media",
  paid_social: "paid social ads",
  email: "an email",
  referral: "another site",
  affiliate: "an affiliate",
  other: "another channel",
}

export const LEAD_FEATURES: readonly Feature[] = [
  { key: "viewed_3_products_7d", words: "viewed 3+ products in 7 days", value: (r) => yes(r.product_views_7d >= 3) },
  { key: "viewed_product_30d", words: "viewed a product in 30 days", value: (r) => yes(r.product_views_30d >= 1) },
  { key: "added_to_cart_7d", words: "added to cart in 7 days", value: (r) => yes(r.carts_7d >= 1) },
  { key: "added_to_cart_30d", words: "added to cart in 30 days", value: (r) => yes(r.carts_30d >= 1) },
  { key: "started_checkout_30d", words: "started checkout in 30 days", value: (r) => yes(r.checkouts_30d >= 1) },
  { key: "viewed_5_pages_30d", words: "viewed 5+ pages in 30 days", value: (r) => yes(r.page_views_30d >= 5) },
  { key: "visited_2_times_30d", words: "visited 2+ times in 30 days", value: (r) => yes(r.sessions_30d >= 2) },
  // Where the tracker measures it; a store without it has every lead at 0, and the feature is left out.
  { key: "engaged_5_minutes_30d", words: "spent 5+ minutes on the site in 30 days", value: (r) => yes(r.engaged_ms_30d >= 300_000) },
  { key: "opened_email_30d", words: "opened an email in 30 days", value: (r) => yes(r.email_opens_30d >= 1) },
  { key: "clicked_email_30d", words: "clicked an email in 30 days", value: (r) => yes(r.email_clicks_30d >= 1) },
  { key: "engagement_points", words: "each 10 engagement points", value: (r) => r.engagement_points / 10 },
  { key: "fit_points", words: "each 10 fit points", value: (r) => r.fit_points / 10 },
  ...Object.entries(CHANNEL_WORDS).map(([channel, words]) => ({
    key: `first_channel_${channel}`,
    words: `came first from ${words}`,
    value: (r: LeadRow) => yes(r.first_channel === channel),
  })),
  { key: "device_mobile", words: "last seen on a phone", value: (r) => yes(r.device_type === "mobile") },
  { key: "device_tablet", words: "last seen on a tablet", value: (r) => yes(r.device_type === "tablet") },
]

const WORDS = new Map(LEAD_FEATURES.map((f) => [f.key, f.words]))

/** A feature in the owner's words. */
export function featureWords(key: string): string {
  return WORDS.get(key) ?? key
}

/** The rows as numbers, in the order of `keys`. */
export function featureMatrix(rows: readonly LeadRow[], keys: readonly string[]): number[][] {
  const features = keys.map((k) => {
    const f = LEAD_FEATURES.find((x) => x.key === k)
    if (!f) throw new RangeError(`unknown lead feature ${k}`)
    return f
  })
  return rows.map((r) => features.map((f) => f.value(r)))
}

/**
 * The features that vary in every one of the windows: one that is the same
 * for every lead (no tablet ever seen, no paid social) says nothing and is
 * left out of the fit.
 */
export function varyingFeatures(windows: readonly (readonly LeadRow[])[]): { used: string[]; left_out: string[] } {
  const used: string[] = []
  const leftOut: string[] = []
  for (const f of LEAD_FEATURES) {
    const varies = windows.every((rows) => rows.some((r) => f.value(r) !== f.value(rows[0])))
    ;(varies ? used : leftOut).push(f.key)
  }
  return { used, left_out: leftOut }
}

export type WeightInWords = OddsRatio & { words: string; label: string }

/** "viewed 3+ products in 7 days: ×2.4 odds", with the ratio and its interval. */
export function weightsInWords(ratios: readonly OddsRatio[]): WeightInWords[] {
  return ratios.map((r) => ({ ...r, words: featureWords(r.feature), label: `${featureWords(r.feature)}: ${oddsLabel(r.odds_ratio)}` }))
}
