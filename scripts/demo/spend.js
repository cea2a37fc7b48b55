"use strict"
/**
 * Monthly spend per acquisition channel for the demo store, through the admin
 * API as a store owner would enter it (Marketing → Channels and costs), so
 * the dashboard's CAC per channel has numbers: the last three months, this
 * one included. Idempotent: skipped when the store already has spend.
 */
const { request } = require("./scoring")

const MONTHLY = [
  { channel: "paid_search", amount: 1200, utm_source: "google", note: "Google Ads" },
  { channel: "paid_social", amount: 650, utm_source: "facebook", note: "Meta ads" },
  { channel: "social", amount: 200, utm_campaign: "outdoor-stories", note: "Instagram creator" },
  { channel: "affiliate", amount: 300, note: "Affiliate commissions" },
  { channel: "email", amount: 45, note: "Email provider" },
]

const monthsBack = (n) => {
  const now = new Date()
  return Array.from({ length: n }, (_, i) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1)).toISOString().slice(0, 7))
}

async function ensureChannelSpend({ baseUrl, email, password, log }) {
  const { token } = await request(baseUrl, "POST", "/auth/user/emailpass", { email, password })
  const { count } = await request(baseUrl, "GET", "/admin/marketing/reports/spend?limit=1", null, token)
  if (count > 0) {
    log(`spend: ${count} rows already entered`)
    return
  }
  let rows = 0
  for (const [i, month] of monthsBack(3).entries()) {
    for (const spend of MONTHLY) {
      // A little variation from month to month.
      const amount = Math.round(spend.amount * (1 - i * 0.1))
      await request(baseUrl, "POST", "/admin/marketing/reports/spend", { ...spend, month, amount, currency_code: "eur" }, token)
      rows++
    }
  }
  await request(
    baseUrl,
    "POST",
    "/admin/marketing/reports/settings",
    { cost_per_email: 0.001, currency_code: "eur", channel_mappings: [{ field: "referrer_domain", value: "outdoor-deals.example", channel: "affiliate" }] },
    token
  )
  log(`spend: entered ${rows} monthly amounts for 5 channels and an affiliate mapping (Marketing → Channels and costs)`)
}

module.exports = { ensureChannelSpend }
