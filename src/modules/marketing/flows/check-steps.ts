import { PRODUCT_STRATEGIES } from "../email/products"
import { validateSegmentDefinition } from "../segments/definition"
import { Checker, has, isPlainObject, isWhole, join } from "./check"
import {
  AB_MAX_CONFIDENCE, AB_MAX_MIN_SAMPLE, AB_METRICS, AB_MIN_CONFIDENCE, AB_MIN_MIN_SAMPLE, MAX_HOLDOUT_PERCENT, MAX_VARIANTS,
  MIN_VARIANTS, SCORES, SEND_AT_OPTIONS, STEP_TYPES,
} from "./types"

const DAY = 86_400
/** Waits and event timeouts: one second to a year. */
export const MAX_WAIT_SECONDS = 365 * DAY
export { MAX_HOLDOUT_PERCENT }
/** Contact fields an `update_contact` step may set: the profile, not identity or tracked values. */
export const SETTABLE_CONTACT_FIELDS = [
  "first_name", "last_name", "phone", "age_band", "gender", "occupation", "company", "industry", "job_title", "country_code", "city", "locale", "timezone",
] as const
const KEY = /^[a-z0-9][a-z0-9_-]{0,19}$/
const TOPIC = /^[a-z0-9][a-z0-9_-]{0,63}$/
const CURRENCY = /^[a-z]{3}$/
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const TAG = /^[^\s,][^,]{0,63}$/
const MAX_CONDITION_DEPTH = 10
const MAX_CONDITION_LEAVES = 100

const LINEAR = ["type", "name", "next"]

/** Every key a step type may carry. */
const STEP_KEYS: Record<(typeof STEP_TYPES)[number], string[]> = {
  send_email: [...LINEAR, "template_id", "topic", "products", "variants", "holdout_percent", "auto_winner", "send_at"],
  wait: [...LINEAR, "seconds", "until"],
  wait_for_event: ["type", "name", "event", "timeout_seconds", "yes", "no"],
  condition: ["type", "name", "if", "yes", "no"],
  random_split: ["type", "name", "branches"],
  update_contact: [...LINEAR, "score", "set", "add_tags", "remove_tags"],
  customer_group: [...LINEAR, "action", "customer_group_id"],
  create_discount: [...LINEAR, "kind", "value", "currency_code", "expires_in_days", "min_subtotal"],
  webhook: [...LINEAR, "url", "secret", "timeout_ms"],
  notify_team: [...LINEAR, "email", "to_owner", "message"],
  assign_owner: [...LINEAR, "user_ids", "mode"],
  exit: ["type", "name"],
}

/** Checks one step's fields (not where its branches lead: graph.ts does that). */
export function checkStep(c: Checker, step: unknown, path: string): void {
  if (!isPlainObject(step)) return c.fail(path, "must be a step object")
  const type = step.type
  if (!(STEP_TYPES as readonly unknown[]).includes(type)) {
    return c.fail(join(path, "type"), `must be one of ${STEP_TYPES.join(", ")}`)
  }
  const kind = type as (typeof STEP_TYPES)[number]
  c.object(step, path, STEP_KEYS[kind])
  const at = (key: string) => join(path, key)
  if (has(step, "name")) c.text(step.name, at("name"), 200)
  for (const key of ["next", "yes", "no"]) {
    if (has(step, key) && typeof step[key] !== "string") c.fail(at(key), "must be a step id")
  }
  switch (kind) {
    case "send_email":
      return sendEmail(c, step, path)
    case "wait":
      return wait(c, step, path)
    case "wait_for_event":
      c.eventMatch(step.event, at("event"))
      c.whole(step.timeout_seconds, at("timeout_seconds"), 1, MAX_WAIT_SECONDS, " seconds (a year)")
      return
    case "condition":
      return condition(c, step.if, at("if"))
    case "random_split":
      return split(c, step.branches, at("branches"))
    case "update_contact":
      return updateContact(c, step, path)
    case "customer_group":
      c.oneOf(step.action, at("action"), ["add", "remove"])
      c.reference(step.customer_group_id, at("customer_group_id"), "customer group")
      return
    case "create_discount":
      c.oneOf(step.kind, at("kind"), ["percentage", "fixed"])
      if (step.kind === "percentage") c.whole(step.value, at("value"), 1, 100)
      else if (typeof step.value !== "number" || !(step.value > 0) || !Number.isFinite(step.value)) c.fail(at("value"), "must be an amount above 0")
      if (has(step, "currency_code") || step.kind === "fixed") {
        if (typeof step.currency_code !== "string" || !CURRENCY.test(step.currency_code)) {
          c.fail(at("currency_code"), `must be a lowercase ISO 4217 code such as eur${step.kind === "fixed" ? " (required for a fixed amount)" : ""}`)
        }
      }
      c.whole(step.expires_in_days, at("expires_in_days"), 1, 365, " days")
      if (has(step, "min_subtotal") && (typeof step.min_subtotal !== "number" || !(step.min_subtotal >= 0))) {
        c.fail(at("min_subtotal"), "must be an amount from 0")
      }
      return
    case "webhook":
      if (!isHttpUrl(step.url)) c.fail(at("url"), "must be an http(s) URL")
      c.text(step.secret, at("secret"), 500)
      if (has(step, "timeout_ms")) c.whole(step.timeout_ms, at("timeout_ms"), 100, 30_000, " ms")
      return
    case "notify_team":
      if (has(step, "email") && (typeof step.email !== "string" || !EMAIL.test(step.email))) c.fail(at("email"), "must be an email address")
      c.bool(step.to_owner, at("to_owner"))
      if (has(step, "message")) c.text(step.message, at("message"), 2000)
      return
    case "assign_owner":
      c.oneOf(step.mode, at("mode"), ["round_robin", "fixed"])
      if (!Array.isArray(step.user_ids) || step.user_ids.length < 1 || step.user_ids.length > 50) {
        c.fail(at("user_ids"), "must list 1 to 50 user ids")
      } else {
        step.user_ids.forEach((id, i) => c.reference(id, `${at("user_ids")}[${i}]`, "user"))
        if (step.mode === "fixed" && step.user_ids.length !== 1) c.fail(at("user_ids"), "must hold exactly one user for mode fixed")
      }
      return
    case "exit":
      return
  }
}

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== "string" || value.length > 2000) return false
  try {
    const url = new URL(value)
    return url.protocol === "https:" || url.protocol === "http:"
  } catch {
    return false
  }
}

function sendEmail(c: Checker, step: Record<string, unknown>, path: string): void {
  const at = (key: string) => join(path, key)
  c.reference(step.template_id, at("template_id"), "template")
  if (has(step, "topic") && (typeof step.topic !== "string" || !TOPIC.test(step.topic))) {
    c.fail(at("topic"), "must be a topic id (lowercase letters, digits, - and _)")
  }
  if (has(step, "products") && c.object(step.products, at("products"), ["strategy", "limit"])) {
    const products = step.products as Record<string, unknown>
    c.oneOf(products.strategy, join(at("products"), "strategy"), PRODUCT_STRATEGIES)
    if (has(products, "limit")) c.whole(products.limit, join(at("products"), "limit"), 1, 12)
  }
  if (has(step, "holdout_percent")) c.whole(step.holdout_percent, at("holdout_percent"), 0, MAX_HOLDOUT_PERCENT, " percent")
  if (has(step, "auto_winner")) autoWinner(c, step, at("auto_winner"))
  if (has(step, "send_at")) c.oneOf(step.send_at, at("send_at"), SEND_AT_OPTIONS)
  if (!has(step, "variants")) return
  const variants = step.variants
  const here = at("variants")
  if (!Array.isArray(variants) || variants.length < MIN_VARIANTS || variants.length > MAX_VARIANTS) {
    return c.fail(here, `must list ${MIN_VARIANTS} to ${MAX_VARIANTS} variants`)
  }
  const keys = new Set<string>()
  let sum = 0
  variants.forEach((v, i) => {
    const vp = `${here}[${i}]`
    if (!c.object(v, vp, ["key", "weight", "template_id", "subject"])) return
    if (typeof v.key !== "string" || !KEY.test(v.key)) c.fail(join(vp, "key"), "must be a short key such as a or b")
    else if (keys.has(v.key)) c.fail(join(vp, "key"), `repeats the key "${v.key}"`)
    else keys.add(v.key)
    c.whole(v.weight, join(vp, "weight"), 1, 99, " percent")
    if (typeof v.weight === "number") sum += v.weight
    if (has(v, "template_id")) c.reference(v.template_id, join(vp, "template_id"), "template")
    if (has(v, "subject")) c.text(v.subject, join(vp, "subject"), 500)
  })
  if (sum !== 100) c.fail(here, `weights must add up to 100 (they add up to ${sum})`)
}

function autoWinner(c: Checker, step: Record<string, unknown>, here: string): void {
  if (!Array.isArray(step.variants) || step.variants.length < 2) return c.fail(here, "needs at least 2 variants to pick a winner from")
  if (!c.object(step.auto_winner, here, ["metric", "confidence", "min_sample"])) return
  const auto = step.auto_winner as Record<string, unknown>
  c.oneOf(auto.metric, join(here, "metric"), AB_METRICS)
  if (has(auto, "confidence")) {
    const v = auto.confidence
    if (typeof v !== "number" || !Number.isFinite(v) || v < AB_MIN_CONFIDENCE || v > AB_MAX_CONFIDENCE) {
      c.fail(join(here, "confidence"), `must be a number from ${AB_MIN_CONFIDENCE} to ${AB_MAX_CONFIDENCE}`)
    }
  }
  if (has(auto, "min_sample")) c.whole(auto.min_sample, join(here, "min_sample"), AB_MIN_MIN_SAMPLE, AB_MAX_MIN_SAMPLE, " recipients per variant")
}

function wait(c: Checker, step: Record<string, unknown>, path: string): void {
  const at = (key: string) => join(path, key)
  if (has(step, "seconds") === has(step, "until")) return c.fail(path, "must have either seconds or until")
  if (has(step, "seconds")) return c.whole(step.seconds, at("seconds"), 1, MAX_WAIT_SECONDS, " seconds (a year)")
  const until = step.until
  if (!c.object(until, at("until"), ["weekdays", "at"])) return
  c.localTime(until.at, join(at("until"), "at"))
  if (!has(until, "weekdays")) return
  const days = until.weekdays
  const here = join(at("until"), "weekdays")
  if (!Array.isArray(days) || days.length === 0 || days.length > 7) return c.fail(here, "must list 1 to 7 weekdays")
  days.forEach((d, i) => c.whole(d, `${here}[${i}]`, 1, 7, " (Monday = 1)"))
  if (new Set(days).size !== days.length) c.fail(here, "must not repeat a weekday")
}

function split(c: Checker, branches: unknown, path: string): void {
  if (!Array.isArray(branches) || branches.length < 2 || branches.length > 4) return c.fail(path, "must list 2 to 4 branches")
  const keys = new Set<string>()
  let sum = 0
  branches.forEach((b, i) => {
    const bp = `${path}[${i}]`
    if (!c.object(b, bp, ["key", "percent", "next"])) return
    if (typeof b.key !== "string" || !KEY.test(b.key)) c.fail(join(bp, "key"), "must be a short key such as a or b")
    else if (keys.has(b.key)) c.fail(join(bp, "key"), `repeats the key "${b.key}"`)
    else keys.add(b.key)
    c.whole(b.percent, join(bp, "percent"), 1, 99, " percent")
    if (typeof b.percent === "number") sum += b.percent
    if (!has(b, "next")) c.fail(join(bp, "next"), "is missing: every branch needs a next step")
    else if (typeof b.next !== "string") c.fail(join(bp, "next"), "must be a step id")
  })
  if (sum !== 100) c.fail(path, `percents must add up to 100 (they add up to ${sum})`)
}

function updateContact(c: Checker, step: Record<string, unknown>, path: string): void {
  const at = (key: string) => join(path, key)
  if (!["score", "set", "add_tags", "remove_tags"].some((k) => has(step, k))) {
    c.fail(path, "must change something: score, set, add_tags or remove_tags")
  }
  if (has(step, "score") && c.object(step.score, at("score"), ["score", "points"])) {
    const score = step.score as Record<string, unknown>
    c.oneOf(score.score, join(at("score"), "score"), SCORES)
    if (!isWhole(score.points, -1000, 1000) || score.points === 0) c.fail(join(at("score"), "points"), "must be a whole number from -1000 to 1000, not 0")
  }
  if (has(step, "set")) {
    const set = step.set
    if (!Array.isArray(set) || set.length === 0 || set.length > 20) c.fail(at("set"), "must list 1 to 20 fields")
    else set.forEach((item, i) => {
      const ip = `${at("set")}[${i}]`
      if (!c.object(item, ip, ["field", "value"])) return
      c.oneOf(item.field, join(ip, "field"), SETTABLE_CONTACT_FIELDS)
      if (!has(item, "value")) c.fail(join(ip, "value"), "is missing (null clears the field)")
      else if (item.value !== null && (typeof item.value !== "string" || item.value.length > 500)) {
        c.fail(join(ip, "value"), "must be text up to 500 characters, or null")
      }
    })
  }
  for (const key of ["add_tags", "remove_tags"]) {
    if (!has(step, key)) continue
    const tags = step[key]
    if (!Array.isArray(tags) || tags.length === 0 || tags.length > 20) c.fail(at(key), "must list 1 to 20 tags")
    else tags.forEach((t, i) => {
      if (typeof t !== "string" || !TAG.test(t)) c.fail(`${at(key)}[${i}]`, "must be a tag of 1 to 64 characters, without commas")
    })
  }
}

/**
 * A condition step's tree: and / or / not over the segments schema's leaves,
 * plus the flow's own facts (`since_entry`, `last_email`), which the segment
 * validator does not know and so are checked here around it.
 */
export function condition(c: Checker, tree: unknown, path: string): void {
  let leaves = 0
  const node = (value: unknown, here: string, depth: number): void => {
    if (c.full) return
    if (depth > MAX_CONDITION_DEPTH) return c.fail(here, `is nested deeper than ${MAX_CONDITION_DEPTH} levels`)
    if (!isPlainObject(value)) return c.fail(here, "must be an object")
    const group = (["and", "or", "not"] as const).find((k) => has(value, k))
    if (group) {
      c.object(value, here, [group])
      const inner = join(here, group)
      if (group === "not") return node(value.not, inner, depth + 1)
      const children = value[group]
      if (!Array.isArray(children) || children.length === 0) return c.fail(inner, "must hold at least one condition")
      children.forEach((child, i) => node(child, `${inner}[${i}]`, depth + 1))
      return
    }
    if (++leaves === MAX_CONDITION_LEAVES + 1) c.fail(path, `has more than ${MAX_CONDITION_LEAVES} conditions`)
    if (has(value, "since_entry")) {
      if (c.object(value, here, ["since_entry"]) && c.object(value.since_entry, join(here, "since_entry"), ["event"])) {
        c.eventMatch((value.since_entry as Record<string, unknown>).event, join(here, "since_entry.event"))
      }
      return
    }
    if (has(value, "last_email")) {
      c.object(value, here, ["last_email"])
      c.oneOf(value.last_email, join(here, "last_email"), ["opened", "clicked"])
      return
    }
    const result = validateSegmentDefinition(value)
    if (!result.ok) for (const e of result.errors) c.fail(e.path ? join(here, e.path) : here, e.message)
  }
  node(tree, path, 1)
}
