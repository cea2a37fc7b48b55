"use strict"
/**
 * The ingest benchmark's "realistic store": 100k existing contacts with 10
 * events each (bench/scoring-seed.js), the scoring benchmark's 20 rules, 10
 * segments of mixed kinds (fields, scores, stages, behaviour in windows, a
 * negation, a reference to another segment, one mirrored to a customer group)
 * and 5 active flows with event triggers, goals, exits and waits. Built
 * through the admin API as a store owner would, except the seeded history.
 */
const { seed } = require("./scoring-seed")
const { RULES } = require("./scoring")

const leaf = (field, operator, value) => ({ field, operator, value })
const event = (type, extra = {}) => ({ event: { type, ...extra } })

/** Ten segments; the last one references the first. */
const SEGMENTS = [
  { name: "Core markets", definition: { and: [leaf("country_code", "in", ["fr", "de", "nl"])] }, mirror_to_customer_group: true },
  { name: "Engaged mobile shoppers", definition: { and: [leaf("device_type", "eq", "mobile"), leaf("acquisition_score", "gte", 20)] } },
  {
    name: "Shoe lovers this week",
    definition: event("product_viewed", { where: leaf("properties.category", "eq", "shoes"), count: { operator: "gte", value: 2 }, within_days: 7 }),
  },
  {
    name: "Added to cart, no checkout",
    definition: { and: [event("product_added_to_cart", { within_days: 1 }), { not: event("checkout_started", { within_days: 1 }) }] },
  },
  { name: "Gift searchers", definition: event("search_performed", { where: leaf("properties.query", "contains", "gift") }) },
  { name: "Leads", definition: { and: [leaf("lifecycle_stage", "in", ["lead", "marketing_qualified"])] } },
  { name: "Hot prospects", definition: { and: [leaf("acquisition_score", "gte", 40)] } },
  { name: "Newsletter arrivals", definition: { and: [leaf("first_utm_source", "eq", "newsletter")] } },
  {
    name: "Three conditions",
    definition: {
      and: [
        leaf("country_code", "in", ["fr", "de", "nl"]),
        event("product_viewed", { where: leaf("properties.category", "eq", "shoes"), count: { operator: "gte", value: 2 }, within_days: 7 }),
        leaf("acquisition_score", "gte", 20),
      ],
    },
  },
]

const wait = (seconds, next) => ({ type: "wait", seconds, next })
const flow = (trigger, steps, extra = {}) => ({
  trigger: { type: "event", event: trigger },
  reentry: { policy: "once_per_days", days: 7 },
  start: Object.keys(steps)[0],
  steps: { ...steps, done: { type: "exit" } },
  ...extra,
})

/** Five flows an owner starts with: each enrolls on an event and waits, so enrollments stay active. */
const FLOWS = [
  {
    name: "Cart abandonment",
    definition: flow({ type: "product_added_to_cart" }, { wait_1h: wait(3600, "done") }, {
      goal: event("checkout_started"),
      exit_conditions: [event("custom:unsubscribe")],
    }),
  },
  {
    name: "Browse abandonment: shoes",
    definition: flow({ type: "product_viewed", where: leaf("properties.category", "eq", "shoes") }, { wait_2d: wait(172800, "done") }, {
      goal: event("product_added_to_cart"),
    }),
  },
  { name: "Gift guide", definition: flow({ type: "search_performed", where: leaf("properties.query", "contains", "gift") }, { wait_1d: wait(86400, "done") }) },
  {
    name: "Pricing follow-up",
    definition: flow({ type: "page_viewed", where: leaf("properties.path", "starts_with", "/pricing") }, {
      checkout: { type: "wait_for_event", event: { type: "checkout_started" }, timeout_seconds: 86400, yes: "done", no: "done" },
    }),
  },
  { name: "Review thanks", definition: flow({ type: "custom:review" }, { wait_1m: wait(60, "done") }) },
]

/**
 * Seeds the history and creates the rules, segments and flows. `api` is the
 * bench's admin client (method, path, body). Returns what it made.
 */
async function buildRealisticStore({ api, connect, contacts, workers, log }) {
  log(`realistic store: seeding ${contacts.toLocaleString("en")} contacts with 10 events each`)
  const seeded = await seed(connect, { contacts, eventsPerContact: 10, workers, log })
  const c = await connect()
  try {
    // Scores and stages as a recompute would leave them, so score and stage segments have members.
    await c.query(`UPDATE marketing_contact SET acquisition_score = floor(60 * random() ^ 2)::int`)
    await c.query(
      `UPDATE marketing_contact SET lifecycle_stage = CASE WHEN acquisition_score >= 40 THEN 'marketing_qualified' WHEN acquisition_score >= 20 THEN 'lead' ELSE 'subscriber' END`
    )
    await c.query(`VACUUM ANALYZE marketing_contact`)
  } finally {
    await c.end().catch(() => {})
  }
  const rules = []
  for (const rule of RULES) rules.push((await api("POST", "/admin/marketing/scoring-rules", { ...rule, active: true, apply_to_history: false })).scoring_rule)
  const segments = []
  for (const s of SEGMENTS) segments.push((await api("POST", "/admin/marketing/segments", s)).segment)
  const [core] = segments
  segments.push(
    (
      await api("POST", "/admin/marketing/segments", {
        name: "Core markets on the pricing page",
        definition: { and: [{ segment: core.id }, event("page_viewed", { where: leaf("properties.path", "starts_with", "/pricing"), within_days: 30 })] },
      })
    ).segment
  )
  const flows = []
  for (const f of FLOWS) {
    const { flow: made } = await api("POST", "/admin/marketing/flows", f)
    const { flow: published } = await api("POST", `/admin/marketing/flows/${made.id}/publish`)
    if (published.status !== "active") await api("POST", `/admin/marketing/flows/${made.id}/resume`)
    flows.push(made)
  }
  log(`realistic store: ${rules.length} scoring rules, ${segments.length} segments, ${flows.length} active flows`)
  return { contacts, events: seeded.events, seed_seconds: seeded.seconds, rules: rules.length, segments: segments.map((s) => s.id), flows: flows.length }
}

module.exports = { buildRealisticStore, SEGMENTS, FLOWS }
