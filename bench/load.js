#!/usr/bin/env node
"use strict"
/**
 * The load generator, run as its own process so it does not share a CPU
 * budget or an event loop with the server it measures. Reads a JSON scenario
 * from argv[2], runs autocannon, prints one JSON result line.
 */
const autocannon = require("autocannon")
const { randomUUID } = require("crypto")

const scenario = JSON.parse(process.argv[2])

const UAS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
]
const TYPES = ["page_viewed", "product_viewed", "category_viewed", "search_performed"]

// A pool of visitors, so requests spread over many contacts as real traffic does;
// `returningVisitors` (anonymous ids the store knows) make part of it shoppers who come back.
const returning = scenario.returningVisitors || []
const visitors = [
  ...returning,
  ...Array.from({ length: Math.max(0, (scenario.visitors || 2000) - returning.length) }, () => `bench-${randomUUID()}`),
]
let n = 0

// The "varied" mix (scoring benchmark): the storefront traffic the seeded
// database holds, with categories, paths and queries some scoring rules match.
const VARIED = [
  ["page_viewed", 36],
  ["product_viewed", 30],
  ["category_viewed", 15],
  ["search_performed", 9],
  ["product_added_to_cart", 6],
  ["checkout_started", 2],
  ["custom:review", 2],
]
const CATEGORIES = ["shoes", "shirts", "pants", "jackets", "accessories", "bags", "sportswear", "outlet"]
const PAGES = ["/", "/pricing", "/about", "/blog/how-to-choose-running-shoes", "/blog/care-guide", "/help/shipping", "/help/size-guide", "/careers", "/stores", "/gift-cards"]
const QUERIES = ["running shoes", "rain jacket", "gift for him", "gift card", "black jeans", "backpack", "sale", "sneakers"]
const SOURCES = ["google", "facebook", "newsletter", "bing", "instagram"]
const pick = (xs) => xs[Math.floor(Math.random() * xs.length)]

function variedType() {
  let r = Math.random() * 100
  for (const [type, share] of VARIED) {
    if ((r -= share) < 0) return type
  }
  return VARIED[0][0]
}

function variedProperties(type) {
  const product_id = `prod_${1 + Math.floor(Math.random() * 500)}`
  switch (type) {
    case "page_viewed":
      return { path: pick(PAGES), title: "Page", url: "https://shop.example.com/" }
    case "product_viewed":
      return { product_id, category: pick(CATEGORIES), price: Math.round(1500 + Math.random() * 23500) / 100, currency_code: "eur" }
    case "category_viewed": {
      const handle = pick(CATEGORIES)
      return { category_id: `pcat_${handle}`, handle, name: handle }
    }
    case "search_performed":
      return { query: pick(QUERIES), results: Math.floor(Math.random() * 40) }
    case "product_added_to_cart":
      return { product_id, variant_id: `variant_${product_id.slice(5)}`, quantity: 1, price: Math.round(1500 + Math.random() * 23500) / 100 }
    case "checkout_started":
      return { total: Math.round(2000 + Math.random() * 28000) / 100, currency_code: "eur" }
    default:
      return { product_id, rating: 1 + Math.floor(Math.random() * 5) }
  }
}

function variedBatch(size) {
  const v = n++ % visitors.length
  const anonymous_id = visitors[v]
  const now = new Date().toISOString()
  const events = []
  for (let i = 0; i < size; i++) {
    const type = variedType()
    events.push({
      type,
      anonymous_id,
      properties: variedProperties(type),
      occurred_at: now,
      session_id: `s-${anonymous_id}`,
      idempotency_key: randomUUID(),
      context: {
        page_url: "https://shop.example.com/products/p",
        utm: { source: SOURCES[v % SOURCES.length], medium: "cpc" },
      },
    })
  }
  return JSON.stringify({ events })
}

function eventBatch(size) {
  if (scenario.mix === "varied") return variedBatch(size)
  const anonymous_id = visitors[n++ % visitors.length]
  const now = new Date().toISOString()
  const events = []
  for (let i = 0; i < size; i++) {
    const type = TYPES[(n + i) % TYPES.length]
    events.push({
      type,
      anonymous_id,
      properties: { product_id: `prod_${(n + i) % 300}`, path: `/products/p-${(n + i) % 300}`, category: "shoes" },
      occurred_at: now,
      session_id: `s-${anonymous_id}`,
      idempotency_key: randomUUID(),
      context: { page_url: "https://shop.example.com/products/p", utm: { source: "google", medium: "cpc" } },
    })
  }
  return JSON.stringify({ events })
}

const headers = { "x-publishable-api-key": scenario.publishableKey, "content-type": "application/json" }

const request =
  scenario.kind === "regions"
    ? { method: "GET", path: "/store/regions", headers }
    : {
        method: "POST",
        path: "/store/marketing/events",
        headers,
        setupRequest: (req) => {
          req.headers = { ...headers, "user-agent": UAS[n % UAS.length] }
          req.body = eventBatch(scenario.batchSize)
          return req
        },
      }

autocannon(
  {
    url: scenario.url,
    connections: scenario.connections || 10,
    duration: scenario.duration || 10,
    // An open-loop rate (requests/s over all connections) instead of as fast as answers come.
    ...(scenario.rate ? { overallRate: scenario.rate } : {}),
    requests: [request],
  },
  (err, result) => {
    if (err) {
      process.stderr.write(String(err))
      process.exit(1)
    }
    process.stdout.write(
      JSON.stringify({
        requests_per_second: result.requests.average,
        latency_p50_ms: result.latency.p50,
        latency_p99_ms: result.latency.p99,
        non2xx: result.non2xx,
        errors: result.errors,
        total: result.requests.total,
      }) + "\n"
    )
  }
)
