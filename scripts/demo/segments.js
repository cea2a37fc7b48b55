"use strict"
/**
 * Starter segments for the demo store, through the admin API as a store
 * owner would: a handful of built-ins (one click each in the admin) and one
 * segment of its own, mirrored into a customer group. Idempotent: skipped
 * when the store already has segments. Created before the simulated
 * shoppers arrive, so their membership grows in real time.
 */
const { request } = require("./scoring")

const BUILT_INS = ["device:mobile", "device:desktop", "sales-ready-leads", "one-time-buyers", "lapsed-customers", "big-spenders"]

const OWN = {
  name: "Shoe browsers in France",
  description: "Viewed shoes at least twice this week, and ship to France.",
  mirror_to_customer_group: true,
  definition: {
    and: [
      { field: "country_code", operator: "eq", value: "fr" },
      {
        event: {
          type: "product_viewed",
          where: { field: "properties.category", operator: "eq", value: "Shoes" },
          count: { operator: "gte", value: 2 },
          within_days: 7,
        },
      },
    ],
  },
}

async function ensureSegments({ baseUrl, email, password, log }) {
  const { token } = await request(baseUrl, "POST", "/auth/user/emailpass", { email, password })
  const { count } = await request(baseUrl, "GET", "/admin/marketing/segments?limit=1", null, token)
  if (count > 0) {
    log(`segments: ${count} already configured`)
    return
  }
  const { built_ins } = await request(baseUrl, "GET", "/admin/marketing/segments/built-ins", null, token)
  const interest = built_ins.find((b) => b.key.startsWith("interest:"))
  const keys = [...BUILT_INS, ...(interest ? [interest.key] : [])].filter((k) => built_ins.some((b) => b.key === k))
  for (const key of keys) await request(baseUrl, "POST", "/admin/marketing/segments/built-ins", { key }, token)
  await request(baseUrl, "POST", "/admin/marketing/segments", OWN, token)
  log(`segments: added ${keys.length} built-ins and "${OWN.name}", mirrored to a customer group (Marketing → Segments)`)
}

module.exports = { ensureSegments }
