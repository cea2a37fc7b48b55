"use strict"
/**
 * Nurturing flows for the demo store, through the admin API as a store owner
 * would: four recipes installed (welcome series, cart abandonment, post-purchase,
 * browse abandonment), each published as a demo copy whose waits run a day in a
 * minute, so a newcomer sees contacts enrol, move on and get email within minutes
 * (the runner job ticks every minute). The copies are named as such; the recipes
 * themselves are unchanged. Idempotent: a demo copy already there is left alone.
 */
const { request } = require("./scoring")

const RECIPES = ["welcome_series", "cart_abandonment", "post_purchase", "browse_abandonment"]
const SUFFIX = " (demo: a day lasts a minute)"
/** A day becomes a minute; nothing shorter than the runner's one-minute tick. */
const demoSeconds = (seconds) => Math.max(60, Math.round(seconds / 1440))

/** The definition with every wait and wait-for-event timeout shortened; nothing else changed. */
function demoDefinition(definition) {
  const steps = {}
  for (const [id, step] of Object.entries(definition.steps)) {
    if (step.type === "wait" && typeof step.seconds === "number") {
      steps[id] = { ...step, seconds: demoSeconds(step.seconds), name: `${step.name || "Wait"} (demo: ${demoSeconds(step.seconds)} s)` }
    } else if (step.type === "wait_for_event") {
      steps[id] = { ...step, timeout_seconds: demoSeconds(step.timeout_seconds) }
    } else {
      steps[id] = step
    }
  }
  return { ...definition, steps }
}

async function ensureFlows({ baseUrl, email, password, log }) {
  const { token } = await request(baseUrl, "POST", "/auth/user/emailpass", { email, password })
  const { flows } = await request(baseUrl, "GET", "/admin/marketing/flows?limit=100", null, token)
  const { recipes } = await request(baseUrl, "GET", "/admin/marketing/flows/recipes", null, token)
  const published = []
  for (const key of RECIPES) {
    const recipe = recipes.find((r) => r.key === key)
    if (!recipe) continue
    const name = `${recipe.name}${SUFFIX}`
    if (flows.some((f) => f.name === name)) continue
    // Installing brings the recipe's starter templates and segments; the draft becomes the demo copy.
    const { flow } = await request(baseUrl, "POST", `/admin/marketing/flows/recipes/${key}/install`, {}, token)
    await request(baseUrl, "POST", `/admin/marketing/flows/${flow.id}`, { name, definition: demoDefinition(flow.definition) }, token)
    await request(baseUrl, "POST", `/admin/marketing/flows/${flow.id}/publish`, {}, token)
    published.push(recipe.name)
  }
  const total = RECIPES.length
  log(
    published.length
      ? `flows: published ${published.join(", ")} as demo copies whose waits run a day in a minute (GET /admin/marketing/flows)`
      : `flows: the ${total} demo flows are already there`
  )
}

module.exports = { ensureFlows, demoDefinition, demoSeconds }
