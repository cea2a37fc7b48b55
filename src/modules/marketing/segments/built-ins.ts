import { RFM_GROUPS } from "../scoring/rfm"
import type { SegmentNode } from "./types"

/** The headings the admin lists built-in segments under, in order. */
export const BUILT_IN_GROUPS = ["Interests", "Demographics", "Geography", "Industries", "Devices", "Lifecycle", "RFM", "Purchases", "Predictions"] as const
export type BuiltInGroup = (typeof BUILT_IN_GROUPS)[number]

export type BuiltInSegment = {
  key: string
  name: string
  description: string
  /** Heading the admin lists it under. */
  group: BuiltInGroup
  definition: SegmentNode
}

/** Age bands as the storefront sends them in `identify` (`age_band`). */
export const AGE_BANDS = ["18-24", "25-34", "35-44", "45-54", "55-64", "65+"] as const

/**
 * Industries get a built-in each once contacts have them: the most common ones
 * only (a free-text field can hold thousands of spellings), and only values a
 * built-in key can carry.
 */
export const MAX_INDUSTRY_BUILT_INS = 20
export const MAX_INDUSTRY_BUILT_IN_LENGTH = 100
const INDUSTRY_KEY = "industry:"

/** An industry's built-in key: its value lower-cased, since conditions compare text in any case. */
export const industryKey = (industry: string) => `${INDUSTRY_KEY}${industry.trim().toLowerCase()}`

/** The industry an `industry:` built-in key names, or null for another key. */
export const industryOfKey = (key: string) => (key.startsWith(INDUSTRY_KEY) ? key.slice(INDUSTRY_KEY.length) : null)

/** "fr" → "France" (English), falling back to the code. */
function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(["en"], { type: "region" }).of(code.toUpperCase()) ?? code.toUpperCase()
  } catch {
    return code.toUpperCase()
  }
}

const slug = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "")

/**
 * The ready-made segments, for the store's own top-level categories, the
 * countries its contacts and regions are in, and its contacts' industries.
 * Keys are stable, so adding one twice is refused.
 */
export function builtInSegments(store: {
  categories: { id: string; name: string }[]
  countries: { code: string; name?: string }[]
  /** The contacts' industries, as most of them spell each (contactIndustries); none by default. */
  industries?: string[]
  /** Whether a fit has written predictions: the prediction built-ins are offered from then on. */
  predictions?: boolean
  /** Whether a propensity fit has scored leads: "Likely first buyers" is offered from then on. */
  propensities?: boolean
}): BuiltInSegment[] {
  const list: BuiltInSegment[] = []
  for (const category of store.categories) {
    const where = { and: [{ field: "properties.category_id", operator: "eq" as const, value: category.id }] }
    list.push({
      key: `interest:${category.id}`,
      name: `Interested in ${category.name}`,
      description: `Viewed ${category.name} products or the category at least twice in 30 days, or bought from it.`,
      group: "Interests",
      definition: {
        or: [
          { event: { type: "product_viewed", where, count: { operator: "gte", value: 2 }, within_days: 30 } },
          { event: { type: "category_viewed", where, count: { operator: "gte", value: 2 }, within_days: 30 } },
          { purchase: { metric: "order_count", operator: "gte", value: 1, category_id: category.id } },
        ],
      },
    })
  }
  for (const band of AGE_BANDS) {
    list.push({
      key: `age:${band}`,
      name: `Aged ${band}`,
      description: `Contacts whose age band is ${band}.`,
      group: "Demographics",
      definition: { field: "age_band", operator: "eq", value: band },
    })
  }
  for (const { code, name } of store.countries) {
    const cc = code.toLowerCase()
    const label = name ?? countryName(cc)
    list.push({
      key: `country:${cc}`,
      name: `In ${label}`,
      description: `Contacts located in ${label}.`,
      group: "Geography",
      definition: { field: "country_code", operator: "eq", value: cc },
    })
  }
  const industryKeys = new Set<string>()
  for (const raw of store.industries ?? []) {
    const industry = raw.trim()
    const key = industryKey(industry)
    if (!industry || industry.length > MAX_INDUSTRY_BUILT_IN_LENGTH || industryKeys.has(key)) continue
    industryKeys.add(key)
    list.push({
      key,
      name: `Industry: ${industry}`,
      description: `Contacts whose company is in the ${industry} industry (any case).`,
      group: "Industries",
      definition: { field: "industry", operator: "eq", value: industry },
    })
  }
  for (const device of ["mobile", "desktop"] as const) {
    list.push({
      key: `device:${device}`,
      name: `${device === "mobile" ? "Mobile" : "Desktop"} shoppers`,
      description: `Last seen on a ${device} device.`,
      group: "Devices",
      definition: { field: "device_type", operator: "eq", value: device },
    })
  }
  list.push(
    {
      key: "new-leads-this-week",
      name: "New leads this week",
      description: "Known contacts (with an email) first seen in the last 7 days who have not ordered yet.",
      group: "Lifecycle",
      definition: {
        and: [
          { field: "first_seen_at", operator: "within_last", value: { days: 7 } },
          { field: "email", operator: "exists" },
          { field: "order_count", operator: "eq", value: 0 },
        ],
      },
    },
    {
      key: "sales-ready-leads",
      name: "Sales-ready leads",
      description: "Contacts at the sales-ready lifecycle stage.",
      group: "Lifecycle",
      definition: { field: "lifecycle_stage", operator: "eq", value: "sales_ready" },
    }
  )
  for (const group of RFM_GROUPS) {
    list.push({
      key: `rfm:${slug(group)}`,
      name: `RFM: ${group}`,
      description: `Customers in the "${group}" RFM group.`,
      group: "RFM",
      definition: { field: "rfm_group", operator: "eq", value: group },
    })
  }
  list.push(
    {
      key: "one-time-buyers",
      name: "One-time buyers",
      description: "Customers with exactly one order.",
      group: "Purchases",
      definition: { field: "order_count", operator: "eq", value: 1 },
    },
    {
      key: "lapsed-customers",
      name: "Lapsed customers",
      description: "Customers whose last order is more than 90 days old.",
      group: "Purchases",
      definition: {
        and: [
          { field: "order_count", operator: "gte", value: 1 },
          { field: "last_order_at", operator: "before_last", value: { days: 90 } },
        ],
      },
    },
    {
      key: "big-spenders",
      name: "Big spenders",
      description: "The top 10% of customers by total spent.",
      group: "Purchases",
      definition: { top_spenders: { percent: 10 } },
    }
  )
  if (store.predictions) list.push(...PREDICTION_BUILT_INS)
  if (store.propensities) list.push(LIKELY_FIRST_BUYERS)
  return list
}

/**
 * Read in the contact's main currency (predictions/contact-fields.ts).
 * "High value at risk" is what has been worth a lot and may be lost: a high
 * churn risk among the top 20 % by total spent. Not "top 20 % by predicted
 * value": that value already weighs the chance the customer is still active
 * (at most 1/3 for a high risk), so on real data that segment is empty.
 */
export const PREDICTION_BUILT_INS: BuiltInSegment[] = [
  {
    key: "high-value-at-risk",
    name: "High value at risk",
    description: "Customers with a high churn risk among the top 20 % by total spent: worth winning back.",
    group: "Predictions",
    definition: {
      and: [
        { field: "churn_risk_band", operator: "eq", value: "high" },
        { top_spenders: { percent: 20 } },
      ],
    },
  },
  {
    key: "about-to-order-again",
    name: "About to order again",
    description: "Customers whose expected next order is within the next 14 days, unless their churn risk is high.",
    group: "Predictions",
    definition: {
      and: [
        { field: "expected_next_order_at", operator: "within_next", value: { days: 14 } },
        { field: "churn_risk_band", operator: "neq", value: "high" },
      ],
    },
  },
]

/**
 * The top 10 % of leads by purchase propensity (percentile among the latest
 * fit's leads). `order_count` 0 keeps out a lead who has ordered since the
 * fit: membership follows the order at once, not the next night.
 */
export const LIKELY_FIRST_BUYERS: BuiltInSegment = {
  key: "likely-first-buyers",
  name: "Likely first buyers",
  description: "The 10 % of leads most likely to place a first order within 30 days.",
  group: "Predictions",
  definition: {
    and: [
      { field: "purchase_propensity_percentile", operator: "gte", value: 90 },
      { field: "order_count", operator: "eq", value: 0 },
    ],
  },
}
