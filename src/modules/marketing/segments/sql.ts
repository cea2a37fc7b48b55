import { compileCondition, eventPropertyField, type Leaf } from "../conditions"
import { ruleCatalog } from "../scoring/rules"
import { assertSegmentDefinition } from "./assert"
import { SEGMENT_CONTACT_FIELDS } from "./fields"
import type { EventLeaf, PurchaseLeaf, SegmentNode } from "./types"

/**
 * - `set`: for a full build over every contact. Counting conditions group
 *   the matching events once by contact and join them (hash joins).
 * - `contact`: for a handful of contacts (the incremental path). The same
 *   conditions become per-contact subqueries on the (contact_id, type,
 *   occurred_at) index. Both select exactly the same contacts.
 */
export type CompileMode = "set" | "contact"

export type SegmentSqlOptions = { mode: CompileMode; now: Date | "now()" }

/** SQL text with knex `?` placeholders and their values, in text order. */
export type CompiledSql = { sql: string; params: unknown[] }

/** Contacts that can be in segments: not deleted, not merged into another. */
export const ELIGIBLE = "c.deleted_at IS NULL AND c.merged_into_id IS NULL"

/** Joins trusted SQL text and fragments, keeping each fragment's values in text order. */
export function sql(strings: TemplateStringsArray, ...parts: (CompiledSql | string)[]): CompiledSql {
  let text = strings[0]
  const params: unknown[] = []
  parts.forEach((part, i) => {
    if (typeof part === "string") text += part
    else {
      text += part.sql
      params.push(...part.params)
    }
    text += strings[i + 1]
  })
  return { sql: text, params }
}

export function value(v: unknown, cast: string): CompiledSql {
  return { sql: `?::${cast}`, params: [v] }
}

export function joinSql(parts: CompiledSql[], separator: string): CompiledSql {
  return { sql: parts.map((p) => p.sql).join(separator), params: parts.flatMap((p) => p.params) }
}

const CMP = { gte: ">=", gt: ">", lte: "<=", lt: "<", eq: "=" } as const

/**
 * A boolean SQL expression over the contact `c`, true exactly for the
 * contacts the definition selects. Never NULL.
 */
export function compileSegment(tree: unknown, options: SegmentSqlOptions): CompiledSql {
  const root = assertSegmentDefinition(tree)
  const now = (): CompiledSql => (options.now === "now()" ? sql`now()` : value(options.now.toISOString(), "timestamptz"))
  const window = (days: number | undefined): CompiledSql =>
    days
      ? sql` AND e.occurred_at BETWEEN ${now()} - ${value(days, "integer")} * interval '24 hours' AND ${now()}`
      : sql``

  /**
   * Set mode: `test` over the matching events grouped once by contact. A
   * contact without matching events has no group, so `zeroHolds` (whether
   * such a contact passes) picks EXISTS … test or NOT EXISTS … NOT test.
   */
  const grouped = (from: CompiledSql, columns: string, test: CompiledSql, zeroHolds: boolean): CompiledSql => {
    const g = sql`SELECT e.contact_id, ${columns} FROM ${from} GROUP BY e.contact_id`
    return zeroHolds
      ? sql`NOT EXISTS (SELECT 1 FROM (${g}) g WHERE g.contact_id = c.id AND NOT ${test})`
      : sql`EXISTS (SELECT 1 FROM (${g}) g WHERE g.contact_id = c.id AND ${test})`
  }

  function eventLeaf({ event }: EventLeaf): CompiledSql {
    const op = event.count?.operator ?? "gte"
    const n = event.count?.value ?? 1
    if (!event.total && op === "gte" && n === 0) return sql`true`
    const where = event.where
      ? sql` AND ${compileCondition(event.where, ruleCatalog("engagement", event.type, event.where), { alias: "e", now: options.now })}`
      : sql``
    const from = sql`marketing_event e WHERE e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND e.type = ${value(event.type, "text")}${window(event.within_days)}${where}`
    if (event.total) {
      // A sum of a number property (engaged time): a contact without matching events has 0.
      const t = event.total
      const x = eventPropertyField(t.property, "number").column("e")
      const v = value(t.value, "numeric")
      if (options.mode === "contact") {
        return sql`(COALESCE((SELECT sum(${x}) FROM ${from} AND e.contact_id = c.id), 0) ${CMP[t.operator]} ${v})`
      }
      return grouped(from, `COALESCE(sum(${x}), 0) AS s`, sql`(g.s ${CMP[t.operator]} ${v})`, compare(0, t.operator, t.value))
    }
    // "At least once" and "never" need no counting, in either mode.
    if (op === "gte" && n === 1) return sql`EXISTS (SELECT 1 FROM ${from} AND e.contact_id = c.id)`
    if (op !== "gte" && n === 0) return sql`NOT EXISTS (SELECT 1 FROM ${from} AND e.contact_id = c.id)`
    const limit = value(n, "integer")
    if (options.mode === "contact") return sql`((SELECT count(*) FROM ${from} AND e.contact_id = c.id) ${CMP[op]} ${limit})`
    return grouped(from, "count(*) AS n", sql`(g.n ${CMP[op]} ${limit})`, op === "lte")
  }

  function purchaseLeaf({ purchase: p }: PurchaseLeaf): CompiledSql {
    const total = eventPropertyField("total", "number").column("e")
    const from = sql`marketing_event e WHERE e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND e.type = 'order_placed'${
      p.currency_code ? sql` AND lower(e.properties ->> 'currency_code') = ${value(p.currency_code, "text")}` : ""
    }${p.product_id ? sql` AND e.properties -> 'product_ids' @> jsonb_build_array(${value(p.product_id, "text")})` : ""}${
      p.category_id ? sql` AND e.properties -> 'category_ids' @> jsonb_build_array(${value(p.category_id, "text")})` : ""
    }${window(p.within_days)} AND NOT EXISTS (SELECT 1 FROM marketing_event x WHERE x.contact_id = e.contact_id AND x.type = 'order_canceled' AND x.deleted_at IS NULL AND x.properties ->> 'order_id' = e.properties ->> 'order_id')`
    // (A canceled order stops counting: its order_canceled event names the order.)
    const v = value(p.value, "numeric")
    const metric = (n: string, s: string): CompiledSql =>
      p.metric === "order_count"
        ? sql`(${n} ${CMP[p.operator]} ${v})`
        : p.metric === "total_spent"
          ? sql`(${s} ${CMP[p.operator]} ${v})`
          : sql`(CASE WHEN ${n} > 0 THEN ${s} / ${n} ${CMP[p.operator]} ${v} ELSE false END)`
    if (options.mode === "contact") {
      return sql`COALESCE((SELECT ${metric("count(*)", `COALESCE(sum(${total}), 0)`)} FROM ${from} AND e.contact_id = c.id), false)`
    }
    // A contact with no orders has 0 orders, 0 spent and no average.
    const zeroHolds = p.metric !== "average_order_value" && compare(0, p.operator, p.value)
    return grouped(from, `count(*) AS n, COALESCE(sum(${total}), 0) AS s`, metric("g.n", "g.s"), zeroHolds)
  }

  const visit = (node: SegmentNode): CompiledSql => {
    if ("and" in node) return sql`(${joinSql(node.and.map(visit), " AND ")})`
    if ("or" in node) return sql`(${joinSql(node.or.map(visit), " OR ")})`
    if ("not" in node) return sql`(NOT ${visit(node.not)})`
    if ("event" in node) return eventLeaf(node)
    if ("purchase" in node) return purchaseLeaf(node)
    if ("segment" in node) {
      return sql`EXISTS (SELECT 1 FROM marketing_segment_membership m WHERE m.segment_id = ${value(node.segment, "text")} AND m.contact_id = c.id AND m.exited_at IS NULL AND m.deleted_at IS NULL)`
    }
    if ("customer_group" in node) {
      // Medusa's own link table between customers and groups.
      return sql`(c.customer_id IS NOT NULL AND EXISTS (SELECT 1 FROM customer_group_customer cg WHERE cg.customer_group_id = ${value(node.customer_group, "text")} AND cg.customer_id = c.customer_id AND cg.deleted_at IS NULL))`
    }
    if ("top_spenders" in node) {
      // An uncorrelated subquery: the cut is computed once per statement.
      return sql`(c.order_count > 0 AND c.total_spent >= (SELECT percentile_disc(1 - ${value(node.top_spenders.percent, "numeric")} / 100.0) WITHIN GROUP (ORDER BY x.total_spent) FROM marketing_contact x WHERE x.order_count > 0 AND x.deleted_at IS NULL AND x.merged_into_id IS NULL))`
    }
    return compileCondition(node as Leaf, SEGMENT_CONTACT_FIELDS, { alias: "c", now: options.now })
  }

  const compiled = visit(root)
  if ((compiled.sql.match(/\?/g) ?? []).length !== compiled.params.length) throw new Error("Placeholder count mismatch")
  return compiled
}

function compare(x: number, op: keyof typeof CMP, v: number): boolean {
  return op === "gte" ? x >= v : op === "gt" ? x > v : op === "lte" ? x <= v : op === "lt" ? x < v : x === v
}

/**
 * Contacts whose membership may have changed only because the clock moved
 * from `from` to `to`: a relative-date field that evaluates differently at
 * the two instants, or a matching event (or order) that crossed a window's
 * edge. A superset is fine (candidates are re-evaluated); missing one is not.
 * Null when the definition does not depend on time.
 */
export function compileTimeEdges(tree: unknown, from: Date, to: Date): CompiledSql | null {
  const root = assertSegmentDefinition(tree)
  const parts: CompiledSql[] = []
  const at = (d: Date) => value(d.toISOString(), "timestamptz")
  const eventEdge = (types: string[], days: number) => {
    // In the window at clock t iff t - D <= occurred_at <= t: it left if
    // occurred_at + D passed in [from, to], it entered if occurred_at is in [from, to].
    const span = value(days, "integer")
    parts.push(
      sql`c.id IN (SELECT e.contact_id FROM marketing_event e WHERE e.deleted_at IS NULL AND e.contact_id IS NOT NULL AND e.type = ANY(${value(`{${types.join(",")}}`, "text[]")}) AND (e.occurred_at BETWEEN ${at(from)} - ${span} * interval '24 hours' AND ${at(to)} - ${span} * interval '24 hours' OR e.occurred_at BETWEEN ${at(from)} AND ${at(to)}))`
    )
  }
  const walk = (node: SegmentNode): void => {
    if ("and" in node) return node.and.forEach(walk)
    if ("or" in node) return node.or.forEach(walk)
    if ("not" in node) return walk(node.not)
    if ("event" in node) return void (node.event.within_days && eventEdge([node.event.type], node.event.within_days))
    if ("purchase" in node) {
      return void (node.purchase.within_days && eventEdge(["order_placed", "order_canceled"], node.purchase.within_days))
    }
    if ("segment" in node || "customer_group" in node || "top_spenders" in node) return
    const leaf = node as Leaf
    if (!["within_last", "before_last", "within_next", "anniversary_within_next"].includes(leaf.operator)) return
    const before = compileCondition(leaf, SEGMENT_CONTACT_FIELDS, { alias: "c", now: from })
    const after = compileCondition(leaf, SEGMENT_CONTACT_FIELDS, { alias: "c", now: to })
    parts.push(sql`(${before}) IS DISTINCT FROM (${after})`)
  }
  walk(root)
  return parts.length ? sql`(${joinSql(parts, " OR ")})` : null
}
