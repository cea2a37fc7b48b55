"use strict"
/**
 * Starter scoring rules for the demo store, created through the admin API as
 * a store owner would, so the simulated shoppers get scores and stages.
 * Idempotent: skipped when the store already has rules.
 */
const RULES = [
  { name: "Viewed shoes", kind: "engagement", event_type: "product_viewed", points: 5, cap_count: 3, cap_period: "day",
    conditions: { and: [{ field: "properties.category", operator: "eq", value: "Shoes" }] } },
  { name: "Viewed a product", kind: "engagement", event_type: "product_viewed", points: 2, cap_count: 5, cap_period: "day" },
  { name: "Browsed a category", kind: "engagement", event_type: "category_viewed", points: 2, cap_count: 5, cap_period: "day" },
  { name: "Searched", kind: "engagement", event_type: "search_performed", points: 3, cap_count: 3, cap_period: "day" },
  { name: "Added to cart", kind: "engagement", event_type: "product_added_to_cart", points: 10, cap_count: 2, cap_period: "day" },
  { name: "Started checkout", kind: "engagement", event_type: "checkout_started", points: 20, cap_count: 1, cap_period: "day" },
  { name: "Subscribed to the newsletter", kind: "engagement", event_type: "identify", points: 15, cap_count: 1, cap_period: "ever",
    conditions: { and: [{ field: "properties.email_marketing_consent", operator: "eq", value: true }] } },
  { name: "Gone quiet", kind: "engagement", event_type: "inactivity", points: -20 },
  { name: "Ships to France", kind: "fit", points: 10, conditions: { and: [{ field: "country_code", operator: "in", value: ["fr"] }] } },
  { name: "Shops on mobile", kind: "fit", points: 5, conditions: { and: [{ field: "device_type", operator: "eq", value: "mobile" }] } },
  { name: "Wrote a review", kind: "loyalty", event_type: "custom:review", points: 10 },
]

async function request(baseUrl, method, path, body, token) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  })
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`)
  return res.json()
}

async function ensureScoringRules({ baseUrl, email, password, log }) {
  const { token } = await request(baseUrl, "POST", "/auth/user/emailpass", { email, password })
  const { count } = await request(baseUrl, "GET", "/admin/marketing/scoring-rules?limit=1", null, token)
  if (count > 0) {
    log(`scoring: ${count} rules already configured`)
    return
  }
  for (const rule of RULES) {
    await request(baseUrl, "POST", "/admin/marketing/scoring-rules", rule, token)
  }
  await request(baseUrl, "POST", "/admin/marketing/scoring-settings", { sales_notification_email: "sales@example.com" }, token)
  log(`scoring: created ${RULES.length} starter rules (Marketing → Scoring)`)
}

module.exports = { ensureScoringRules, RULES, request }
