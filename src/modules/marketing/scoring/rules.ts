import {
  CONTACT_FIELDS,
  FieldCatalog,
  FieldType,
  Node,
  eventPropertyField,
  eventPropertyFields,
  evaluateCondition,
  mergeCatalogs,
  validateConditionTree,
} from "../conditions"
import { PREDICTION_CATALOG } from "../predictions/contact-fields"
import { CUSTOM_EVENT_PATTERN, STOREFRONT_EVENT_TYPES } from "../tracking/event-types"

export type ScoringRuleKind = "engagement" | "fit" | "loyalty"
export type CapPeriod = "day" | "week" | "month" | "ever"

export type ScoringRuleDefinition = {
  id?: string
  name: string
  description?: string | null
  kind: ScoringRuleKind
  event_type?: string | null
  conditions?: Node | null
  points: number
  cap_count?: number | null
  cap_period?: CapPeriod | null
  active?: boolean
}

/** Properties each known event type carries, and their types. */
const EVENT_PROPERTIES: Record<string, Record<string, FieldType>> = {
  product_viewed: { product_id: "string", handle: "string", title: "string", category: "string", category_id: "string", price: "number" },
  category_viewed: { category_id: "string", handle: "string", name: "string" },
  page_viewed: { path: "string", title: "string", url: "string" },
  search_performed: { query: "string", results: "number" },
  product_added_to_cart: { product_id: "string", variant_id: "string", quantity: "number", cart_id: "string", price: "number" },
  checkout_started: { cart_id: "string", total: "number" },
  identify: { email_marketing_consent: "boolean", consent_source: "string" },
  customer_created: { has_account: "boolean" },
  customer_updated: { has_account: "boolean" },
  cart_created: { total: "number", currency_code: "string", item_count: "number" },
  cart_updated: { total: "number", currency_code: "string", item_count: "number" },
  order_placed: { total: "number", currency_code: "string", item_count: "number", display_id: "number" },
  order_canceled: { total: "number", currency_code: "string", item_count: "number" },
  email_opened: { message_id: "string", template: "string" },
  email_clicked: { message_id: "string", template: "string", url: "string" },
  email_unsubscribed: { message_id: "string" },
  email_bounced: { message_id: "string", kind: "string" },
  email_complained: { message_id: "string" },
  inactivity: { days: "number" },
  page_engaged: { engaged_ms: "number", path: "string", page_type: "string", category: "string", product_id: "string" },
  /** Written by ingest when a storefront session starts (tracking/sessions.ts). */
  session_started: { landing_page: "string", channel: "string", utm_source: "string", utm_campaign: "string" },
  /** A signup form's submission (POST /store/marketing/forms/:id/submissions). */
  form_submitted: { form_id: "string", form_name: "string", variant: "string", consent_given: "boolean", page_url: "string" },
}

/** Event types a rule can react to (plus any `custom:<name>`). */
export const SCORABLE_EVENT_TYPES = Object.keys(EVENT_PROPERTIES)

export function isKnownEventType(type: string): boolean {
  return (
    Object.prototype.hasOwnProperty.call(EVENT_PROPERTIES, type) ||
    (STOREFRONT_EVENT_TYPES as readonly string[]).includes(type) ||
    CUSTOM_EVENT_PATTERN.test(type)
  )
}

/**
 * What a fit rule may test: the contact's attributes and its predictions
 * (a subquery in SQL; in TS the caller merges `predictionValues` into the record).
 */
export const FIT_FIELDS: FieldCatalog = mergeCatalogs(CONTACT_FIELDS, PREDICTION_CATALOG)

// A known event type's catalog never changes: built once, as live scoring and flow triggers ask for it per
// rule and event (about 1% of the tracking route's CPU when rebuilt each time).
const knownCatalogs = new Map<string, FieldCatalog>()

/** The fields a rule's conditions may test. */
export function ruleCatalog(kind: ScoringRuleKind, eventType?: string | null, conditions?: unknown): FieldCatalog {
  if (kind === "fit") return FIT_FIELDS
  const known = eventType && Object.prototype.hasOwnProperty.call(EVENT_PROPERTIES, eventType) ? EVENT_PROPERTIES[eventType] : null
  if (eventType && known) {
    let catalog = knownCatalogs.get(eventType)
    if (!catalog) knownCatalogs.set(eventType, (catalog = eventPropertyFields(known)))
    return catalog
  }
  // Custom events carry whatever the store sends: any property, compared as text.
  const catalog: Record<string, ReturnType<typeof eventPropertyField>> = {}
  for (const field of leafFields(conditions)) {
    const path = field.startsWith("properties.") ? field.slice("properties.".length) : null
    if (path && /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,2}$/.test(path)) {
      catalog[field] = eventPropertyField(path, "string")
    }
  }
  return catalog
}

function leafFields(tree: unknown): string[] {
  if (!tree || typeof tree !== "object") return []
  const node = tree as Record<string, unknown>
  if (Array.isArray(node.and)) return node.and.flatMap(leafFields)
  if (Array.isArray(node.or)) return node.or.flatMap(leafFields)
  if (node.not) return leafFields(node.not)
  return typeof node.field === "string" ? [node.field] : []
}

export type RuleError = { path: string; message: string }

/** Checks a whole rule; errors name the path (`conditions.and[0].field`, `event_type`). */
export function validateScoringRule(rule: ScoringRuleDefinition): RuleError[] {
  const errors: RuleError[] = []
  if (!rule.name || !rule.name.trim()) errors.push({ path: "name", message: "Required" })
  if (rule.kind === "fit") {
    if (rule.event_type) errors.push({ path: "event_type", message: "Fit rules test attributes, not events: leave it empty" })
    if (rule.cap_count != null || rule.cap_period != null) {
      errors.push({ path: "cap_count", message: "Fit rules hold or not; they have no cap" })
    }
  } else if (!rule.event_type) {
    errors.push({ path: "event_type", message: `Required for ${rule.kind} rules` })
  } else if (!isKnownEventType(rule.event_type)) {
    errors.push({ path: "event_type", message: `Unknown event type "${rule.event_type}"` })
  }
  if (!Number.isInteger(rule.points) || rule.points === 0 || Math.abs(rule.points) > 1000) {
    errors.push({ path: "points", message: "A whole number from -1000 to 1000, not 0" })
  }
  if ((rule.cap_count == null) !== (rule.cap_period == null)) {
    errors.push({ path: rule.cap_count == null ? "cap_count" : "cap_period", message: "Give both cap_count and cap_period, or neither" })
  }
  if (rule.cap_count != null && (!Number.isInteger(rule.cap_count) || rule.cap_count < 1)) {
    errors.push({ path: "cap_count", message: "A whole number of at least 1" })
  }
  if (rule.conditions != null && !errors.some((e) => e.path === "event_type")) {
    const result = validateConditionTree(rule.conditions, ruleCatalog(rule.kind, rule.event_type, rule.conditions))
    if (!result.ok) {
      for (const e of result.errors) errors.push({ path: e.path ? `conditions.${e.path}` : "conditions", message: e.message })
    }
  }
  return errors
}

export type ScorableEvent = { id: string; type: string; properties: Record<string, unknown>; occurred_at: string }

/** Whether an engagement or loyalty rule reacts to this event. */
export function ruleMatchesEvent(rule: ScoringRuleDefinition, event: ScorableEvent, now: Date): boolean {
  if (rule.kind === "fit" || rule.event_type !== event.type) return false
  if (!rule.conditions) return true
  return evaluateCondition(rule.conditions, { properties: event.properties }, ruleCatalog(rule.kind, rule.event_type, rule.conditions), now)
}

/** Whether a fit rule holds for a contact's attributes. */
export function fitRuleHolds(rule: ScoringRuleDefinition, contact: Record<string, unknown>, now: Date): boolean {
  if (rule.kind !== "fit") return false
  if (!rule.conditions) return true
  return evaluateCondition(rule.conditions, contact, FIT_FIELDS, now)
}

/** The ledger's component and score for a rule. */
export function ruleComponent(kind: ScoringRuleKind): { score: "acquisition" | "loyalty"; component: "engagement" | "fit" | "loyalty_rule" } {
  if (kind === "loyalty") return { score: "loyalty", component: "loyalty_rule" }
  return { score: "acquisition", component: kind }
}
