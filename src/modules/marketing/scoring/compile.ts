import { FieldDef, compileCondition } from "../conditions"
import { ruleCatalog, ruleComponent } from "./rules"
import { RFM_GROUP_STAGES, StageThresholds } from "./stages"
import { RuleRow, reasonFor } from "./store"

// The rules and stage thresholds compiled to SQL for the recompute and full RFM.

export type RuleTable = { sql: string; params: unknown[] }

/**
 * The active event rules as a SQL table `r` (idx, id, event_type, points,
 * cap_count, cap_period, score, component, reason), empty when there are none.
 */
export function ruleTable(eventRules: RuleRow[]): RuleTable {
  if (!eventRules.length) {
    return {
      sql: `(SELECT NULL::int AS idx, NULL::text AS id, NULL::text AS event_type, NULL::float8 AS points, NULL::int AS cap_count,
                    NULL::text AS cap_period, NULL::text AS score, NULL::text AS component, NULL::text AS reason,
                    NULL::int AS chunk, NULL::int8 AS bit WHERE false) r`,
      params: [],
    }
  }
  const bits = ruleBits(eventRules)
  return {
    sql: `(VALUES ${eventRules.map(() => `(?::int, ?, ?, ?::float8, ?::int, ?, ?, ?, ?, ?::int, ?::int8)`).join(", ")})
      AS r (idx, id, event_type, points, cap_count, cap_period, score, component, reason, chunk, bit)`,
    params: eventRules.flatMap((rule, idx) => {
      const { score, component } = ruleComponent(rule.kind)
      return [idx, rule.id, rule.event_type, rule.points, rule.cap_count ?? null, rule.cap_period ?? null, score, component,
        reasonFor(rule, rule.event_type as string), bits[idx].chunk, bits[idx].bit.toString()]
    }),
  }
}

/** Rules per 64-bit mask; 62 keeps every bit value positive. */
const MASK_BITS = 62

/**
 * Each event rule's bit among the rules of its event type: the matching
 * computes, once per event, a mask of the rules it meets (`chunk` says which
 * mask when a type has more than MASK_BITS rules).
 */
export function ruleBits(eventRules: RuleRow[]): { chunk: number; bit: bigint }[] {
  const seen = new Map<string, number>()
  return eventRules.map((rule) => {
    const k = seen.get(rule.event_type as string) ?? 0
    seen.set(rule.event_type as string, k + 1)
    return { chunk: Math.floor(k / MASK_BITS), bit: 1n << BigInt(k % MASK_BITS) }
  })
}

/** The SQL type a field's value has, which decides the slot it can share. */
const SLOT_TYPES: Record<FieldDef["type"], string> = {
  string: "text",
  enum: "text",
  number: "numeric",
  boolean: "boolean",
  date: "timestamptz",
}

/**
 * The event rules' conditions as per-event bit masks, in SQL for two nested
 * subqueries over `marketing_event e`:
 *
 * - `slots`: each property the rules test, read once per event. Properties of
 *   different event types share a slot column (`CASE e.type WHEN …`), so an
 *   event pays for the properties of its own type only. String properties are
 *   lower-cased here, once, instead of in every comparison.
 * - `masks`: per event, the sum of the bits (see `ruleBits`) of the rules of
 *   its type whose conditions hold, from the slot columns.
 *
 * Both are unnest() of a one-element array: a set-returning function keeps
 * its subquery from being flattened, which would copy each expression into
 * every place that uses it (each condition, each (rule, event) pair).
 */
export function compileEventRules(eventRules: RuleRow[], now: Date) {
  const slots: { name: string; sqlType: string; byType: Map<string, string> }[] = []
  const slotOf = new Map<string, string>()
  const slotFor = (eventType: string, def: FieldDef): string => {
    const expr = def.type === "string" ? `lower(${def.column("e")})` : def.column("e")
    const key = `${eventType}\u0000${expr}`
    let name = slotOf.get(key)
    if (!name) {
      const sqlType = SLOT_TYPES[def.type]
      let slot = slots.find((s) => s.sqlType === sqlType && !s.byType.has(eventType))
      if (!slot) slots.push((slot = { name: `s${slots.length}`, sqlType, byType: new Map() }))
      slot.byType.set(eventType, expr)
      slotOf.set(key, (name = slot.name))
    }
    return name
  }

  // Per mask and event type: the terms of its rules, with their parameters in order.
  const bits = ruleBits(eventRules)
  const terms: Map<string, { sql: string[]; params: unknown[] }>[] = []
  eventRules.forEach((rule, idx) => {
    const type = rule.event_type as string
    const { chunk, bit } = bits[idx]
    const byType = (terms[chunk] ??= new Map())
    let t = byType.get(type)
    if (!t) byType.set(type, (t = { sql: [], params: [] }))
    if (!rule.conditions) {
      t.sql.push(`${bit}::int8`)
      return
    }
    const catalog: Record<string, FieldDef> = {}
    for (const [field, def] of Object.entries(ruleCatalog(rule.kind, type, rule.conditions))) {
      catalog[field] = { ...def, folded: def.type === "string", column: (alias) => `${alias}.${slotFor(type, def)}` }
    }
    const cond = compileCondition(rule.conditions, catalog, { alias: "e", now })
    t.sql.push(`CASE WHEN ${cond.sql} THEN ${bit}::int8 ELSE 0::int8 END`)
    t.params.push(...cond.params)
  })

  const masks: string[] = []
  const maskParams: unknown[] = []
  terms.forEach((byType, chunk) => {
    const whens = [...byType].map(([type, t]) => {
      maskParams.push(type, ...t.params)
      return `WHEN ? THEN ${t.sql.join(" + ")}`
    })
    masks.push(`unnest(ARRAY[CASE e.type ${whens.join(" ")} ELSE 0::int8 END]) AS m${chunk}`)
  })
  const slotParams: unknown[] = []
  const slotSql = slots.map(({ name, sqlType, byType }) => {
    const whens = [...byType].map(([type, expr]) => {
      slotParams.push(type)
      return `WHEN ? THEN ${expr}`
    })
    return `unnest(ARRAY[(CASE e.type ${whens.join(" ")} END)::${sqlType}]) AS ${name}`
  })
  return { slots: slotSql, slotParams, masks, maskParams }
}

/**
 * SQL for a contact's stage from its scores, mirroring `stageFor`: `a` names
 * the row with order_count, rfm_group, loyalty_score and acquisition_score,
 * `current` its column holding the current stage.
 */
export function stageTargetSql(t: StageThresholds, a: string, current = "lifecycle_stage"): { sql: string; params: unknown[] } {
  const order = `ARRAY['subscriber','lead','marketing_qualified','sales_ready']`
  const rank = `array_position(${order}, ${a}.${current})`
  const reached = `CASE WHEN ${a}.acquisition_score >= ? THEN 'sales_ready' WHEN ${a}.acquisition_score >= ? THEN 'marketing_qualified'
                        WHEN ${a}.acquisition_score >= ? THEN 'lead' ELSE 'subscriber' END`
  const groupStages = Object.entries(RFM_GROUP_STAGES)
    .map(([group, stage]) => `WHEN ${a}.rfm_group = '${group.replace(/'/g, "''")}' THEN '${stage}'`)
    .join(" ")
  const sql = `CASE
      WHEN ${a}.order_count > 0 THEN CASE
        ${groupStages}
        WHEN ${a}.loyalty_score >= ? THEN 'vip'
        WHEN ${a}.order_count >= ? THEN 'repeat_customer'
        ELSE 'customer' END
      WHEN ${rank} IS NOT NULL AND ${rank} > array_position(${order}, ${reached})
        THEN ${a}.${current}
      ELSE ${reached} END`
  const reachedParams = [t.sales_ready_threshold, t.marketing_qualified_threshold, t.lead_threshold]
  return { sql, params: [t.vip_loyalty_score, t.repeat_customer_orders, ...reachedParams, ...reachedParams] }
}
