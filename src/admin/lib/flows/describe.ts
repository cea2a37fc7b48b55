/**
 * Flows in the store owner's words: the trigger ("When a contact places an
 * order"), durations, and a one-line summary of each step for the canvas and
 * the recipe cards. Pure: no Medusa or React imports.
 */
import { getEventTypeLabel } from "../events"
import { getLifecycleStageLabel } from "../scoring/stages"
import { describeLeaf } from "../segments/describe"
import type { SegmentNode } from "../types"
import type { FlowDefinition, FlowStatus, FlowStep, FlowTrigger, StepType } from "./types"

/** Names of the records a flow refers to, when the page has them. */
export type NameLookup = {
  segment?: (id: string) => string | undefined
  template?: (id: string) => string | undefined
}

// What a contact does, for the events flows usually start on.
const EVENT_PHRASES: Record<string, string> = {
  product_viewed: "views a product",
  category_viewed: "views a category",
  page_viewed: "views a page",
  search_performed: "searches",
  product_added_to_cart: "adds a product to a cart",
  checkout_started: "starts a checkout",
  appointment_booked: "books an appointment",
  identify: "gives their email",
  customer_created: "creates an account",
  customer_updated: "updates their account",
  cart_created: "creates a cart",
  cart_updated: "updates a cart",
  order_placed: "places an order",
  order_canceled: "cancels an order",
  email_opened: "opens an email",
  email_clicked: "clicks a link in an email",
  email_unsubscribed: "unsubscribes",
}

const DATE_FIELD_LABELS: Record<string, string> = {
  birth_date: "their birthday",
  first_seen_at: "their first visit",
  first_order_at: "their first order",
  last_order_at: "their last order",
  expected_next_order_at: "their expected next order",
}

/** "cart_updated" -> "updates a cart"; other events by their label. */
export const eventPhrase = (type: string) =>
  EVENT_PHRASES[type] ?? `triggers "${getEventTypeLabel(type)}"`

const quoted = (name: string | undefined, fallback: string) =>
  name ? `"${name}"` : fallback

/** The trigger in one sentence; an unfinished draft's is "No trigger yet". */
export const describeTrigger = (
  trigger: Partial<FlowTrigger> | null | undefined,
  names: NameLookup = {}
): string => {
  const t = trigger as Record<string, any> | null | undefined
  switch (t?.type) {
    case "event": {
      const type = t.event?.type
      if (!type) return "When an event happens"
      return `When a contact ${eventPhrase(type)}${t.event.where ? " (filtered)" : ""}`
    }
    case "segment_entered":
    case "segment_exited":
      return `When a contact ${t.type === "segment_entered" ? "enters" : "leaves"} ${quoted(
        t.segment_id ? names.segment?.(t.segment_id) : undefined,
        "a segment"
      )}`
    case "score_threshold": {
      const score = t.score === "loyalty" ? "loyalty" : "acquisition"
      return t.direction === "down"
        ? `When the ${score} score falls below ${t.threshold}`
        : `When the ${score} score reaches ${t.threshold}`
    }
    case "stage_changed": {
      const from = getLifecycleStageLabel(t.from)
      const to = getLifecycleStageLabel(t.to)
      if (from && to) return `When the lifecycle stage changes from ${from} to ${to}`
      if (to) return `When a contact becomes ${to}`
      if (from) return `When a contact stops being ${from}`
      return "When the lifecycle stage changes"
    }
    case "date": {
      const field = DATE_FIELD_LABELS[t.field] ?? String(t.field ?? "a date")
      const at = t.at ? ` at ${t.at}` : ""
      const days = `${t.days} ${t.days === 1 ? "day" : "days"}`
      if (t.mode === "after") return `${days} after ${field}${at}`
      if (t.mode === "before") return `${days} before ${field}${at}`
      return `Every year on ${field}${at}`
    }
    case "manual":
      return "Contacts or segments enrolled by hand"
    default:
      return "No trigger yet"
  }
}

const UNITS: [number, string][] = [
  [86_400, "day"],
  [3_600, "hour"],
  [60, "minute"],
  [1, "second"],
]

/** 3600 -> "1 hour", 90000 -> "1 day 1 hour", 0 -> "0 seconds". */
export const formatDuration = (seconds: number) => {
  const parts: string[] = []
  let rest = Math.max(0, Math.round(seconds))
  for (const [size, unit] of UNITS) {
    const n = Math.floor(rest / size)
    if (n > 0 && parts.length < 2) {
      parts.push(`${n} ${unit}${n === 1 ? "" : "s"}`)
      rest -= n * size
    }
  }
  return parts.length ? parts.join(" ") : "0 seconds"
}

const WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

export const STEP_TYPE_LABELS: Record<StepType, string> = {
  send_email: "Send email",
  wait: "Wait",
  wait_for_event: "Wait for an event",
  condition: "Condition",
  random_split: "Random split",
  update_contact: "Update contact",
  customer_group: "Customer group",
  create_discount: "Discount code",
  webhook: "Webhook",
  notify_team: "Notify the team",
  assign_owner: "Assign an owner",
  exit: "Exit",
}

export const stepTypeLabel = (type: string) =>
  STEP_TYPE_LABELS[type as StepType] ?? type

/** What one step does, in a line: "Wait 1 hour", "Email \"Welcome\" (2 variants)". */
export const describeStep = (step: FlowStep, names: NameLookup = {}): string => {
  const s = step as Record<string, any>
  switch (step.type) {
    case "send_email": {
      const template = quoted(names.template?.(step.template_id), "a template")
      const variants = step.variants?.length ? ` (${step.variants.length} variants)` : ""
      const holdout = step.holdout_percent ? `, ${step.holdout_percent}% held out` : ""
      const bestTime = step.send_at === "best_time" ? ", at the contact's best time" : ""
      return `Email ${template}${variants}${holdout}${bestTime}`
    }
    case "wait":
      if (typeof s.seconds === "number") return `Wait ${formatDuration(s.seconds)}`
      if (s.until) {
        const days = s.until.weekdays?.length
          ? `${(s.until.weekdays as number[]).map((d) => WEEKDAYS[d - 1]).join(", ")} `
          : ""
        return `Wait until ${days}${s.until.at}`
      }
      return "Wait"
    case "wait_for_event":
      return `Wait up to ${formatDuration(step.timeout_seconds)} for "${getEventTypeLabel(step.event?.type ?? "")}"`
    case "condition":
      return step.if ? `If ${describeCondition(step.if)}` : "Check a condition"
    case "random_split":
      return `Split ${(step.branches ?? []).map((b) => `${b.percent}%`).join(" / ")}`
    case "update_contact": {
      const parts: string[] = []
      if (step.score) parts.push(`${step.score.points > 0 ? "+" : ""}${step.score.points} ${step.score.score} points`)
      if (step.add_tags?.length) parts.push(`tag ${step.add_tags.join(", ")}`)
      if (step.remove_tags?.length) parts.push(`untag ${step.remove_tags.join(", ")}`)
      if (step.set?.length) parts.push(`set ${step.set.map((f) => f.field).join(", ")}`)
      return parts.length ? `Update contact: ${parts.join("; ")}` : "Update contact"
    }
    case "customer_group":
      return step.action === "remove" ? "Remove from a customer group" : "Add to a customer group"
    case "create_discount":
      return `${step.kind === "fixed" ? `${step.value} ${(step.currency_code ?? "").toUpperCase()}`.trim() : `${step.value}%`} code, valid ${step.expires_in_days} ${step.expires_in_days === 1 ? "day" : "days"}`
    case "webhook": {
      try {
        return `Webhook to ${new URL(step.url).host}`
      } catch {
        return "Webhook"
      }
    }
    case "notify_team":
      return step.to_owner ? "Notify the contact's owner" : step.email ? `Notify ${step.email}` : "Notify the team"
    case "assign_owner":
      return step.mode === "round_robin" ? "Assign an owner in turn" : "Assign an owner"
    case "exit":
      return "Leave the flow"
    default:
      return stepTypeLabel((step as { type: string }).type)
  }
}

/** A condition step's test in a few words: one leaf said in full, a group by its size. */
export const describeCondition = (node: unknown): string => {
  const n = node as Record<string, any>
  const children = n.and ?? n.or
  if (Array.isArray(children)) {
    if (children.length === 1) return describeCondition(children[0])
    return `${n.and ? "all" : "any"} of ${children.length} conditions`
  }
  if (n.not) return `not (${describeCondition(n.not)})`
  if (n.last_email) return `this flow's last email was ${n.last_email}`
  if (n.since_entry) return `"${getEventTypeLabel(String(n.since_entry.event?.type ?? ""))}" since entering${n.since_entry.event?.where ? " (filtered)" : ""}`
  return describeLeaf(n as SegmentNode)
}

export const FLOW_STATUS_LABELS: Record<FlowStatus, string> = {
  draft: "Draft",
  active: "Active",
  paused: "Paused",
  archived: "Archived",
}

export const FLOW_STATUS_COLORS: Record<FlowStatus, "grey" | "green" | "orange" | "red"> = {
  draft: "grey",
  active: "green",
  paused: "orange",
  archived: "red",
}

/** A new flow's draft: enrolled by hand, once, and no steps yet (the canvas offers the first). */
export const EMPTY_FLOW_DEFINITION = {
  trigger: { type: "manual" },
  reentry: { policy: "once" },
  steps: {},
} satisfies Partial<FlowDefinition>
