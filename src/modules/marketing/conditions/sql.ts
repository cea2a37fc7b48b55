import { parseIsoDate } from "./dates"
import { getField, type FieldCatalog, type FieldDef } from "./fields"
import { isAnd, isNot, isOr, type DaysValue, type Leaf, type Node } from "./types"
import { assertConditionTree, type ValidateOptions } from "./validate"

export type CompileOptions = {
  /** Table alias the field columns are read from, e.g. "c" → `c.email`. */
  alias?: string
  /** `"now()"` (default) uses the database clock; a Date is bound as a parameter (tests, replays). */
  now?: "now()" | Date
  limits?: ValidateOptions
}

/** A boolean SQL expression with knex-style `?` placeholders, and their values in order. */
export type CompiledCondition = { sql: string; params: unknown[] }

/** Escapes LIKE wildcards so user text matches literally (with `ESCAPE '\'`). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}

/**
 * Compiles a tree (validated here, so invalid input throws ConditionTreeError)
 * into SQL that selects exactly the records `evaluateCondition` accepts.
 *
 * Same NULL rule as the evaluator: each leaf is `(x IS NOT NULL AND test)`,
 * which is never NULL, so AND/OR/NOT stay two-valued. Values are always bound;
 * the only `?` in the text are placeholders (never jsonb's `?` operator).
 */
export function compileCondition(tree: unknown, catalog: FieldCatalog, options: CompileOptions = {}): CompiledCondition {
  const root = assertConditionTree(tree, catalog, options.limits)
  const alias = options.alias ?? ""
  if (alias && !/^[A-Za-z_][A-Za-z0-9_]*$/.test(alias)) throw new Error(`Invalid alias "${alias}"`)
  const clock = options.now ?? "now()"
  if (clock !== "now()" && !(clock instanceof Date && !Number.isNaN(clock.getTime()))) {
    throw new Error(`"now" must be "now()" or a valid Date`)
  }

  const params: unknown[] = []
  const bind = (value: unknown, cast: string) => {
    params.push(value)
    return `?::${cast}`
  }
  const now = () => (clock === "now()" ? "now()" : bind(clock.toISOString(), "timestamptz"))

  const visit = (node: Node): string => {
    if (isAnd(node)) return `(${node.and.map(visit).join(" AND ")})`
    if (isOr(node)) return `(${node.or.map(visit).join(" OR ")})`
    if (isNot(node)) return `(NOT ${visit(node.not)})`
    return compileLeaf(node, getField(catalog, node.field) as FieldDef)
  }

  function compileLeaf(leaf: Leaf, def: FieldDef): string {
    const x = def.column(alias)
    if (x.includes("?")) throw new Error(`SQL for field "${leaf.field}" must not contain "?"`)
    if (leaf.operator === "exists") return `(${x} IS NOT NULL)`
    if (leaf.operator === "not_exists") return `(${x} IS NULL)`
    return `(${x} IS NOT NULL AND ${test(leaf, def, x)})`
  }

  /** The comparison itself; given a non-NULL x and bound values it is never NULL. */
  function test(leaf: Leaf, def: FieldDef, x: string): string {
    const v = leaf.value
    const lhs = def.type === "string" && !def.folded ? `lower(${x})` : x
    const val = (value: unknown): string => {
      switch (def.type) {
        case "string":
          return `lower(${bind(value, "text")})`
        case "enum":
          return bind(value, "text")
        case "number":
          return bind(value, "numeric")
        case "boolean":
          return bind(value, "boolean")
        case "date":
          return bind(new Date(parseIsoDate(value) as number).toISOString(), "timestamptz")
      }
    }
    const days = () => (v as DaysValue).days
    // Days are 24-hour periods, so the session time zone and DST never matter.
    const span = () => `${bind(days(), "integer")} * interval '24 hours'`
    // LIKE's escape character is a backslash, written as E'\\' so it reads the same
    // whatever standard_conforming_strings says.
    const like = (pattern: string) => `${lhs} LIKE lower(${bind(pattern, "text")}) ESCAPE E'\\\\'`

    switch (leaf.operator) {
      case "eq":
        return `${lhs} = ${val(v)}`
      case "neq":
        return `${lhs} <> ${val(v)}`
      case "in":
        // One placeholder per item: knex expands array bindings, so never bind an array.
        return `${lhs} IN (${(v as unknown[]).map(val).join(", ")})`
      case "not_in":
        return `${lhs} NOT IN (${(v as unknown[]).map(val).join(", ")})`
      case "contains":
        return like(`%${escapeLike(v as string)}%`)
      case "starts_with":
        return like(`${escapeLike(v as string)}%`)
      case "gt":
        return `${lhs} > ${val(v)}`
      case "gte":
        return `${lhs} >= ${val(v)}`
      case "lt":
        return `${lhs} < ${val(v)}`
      case "lte":
        return `${lhs} <= ${val(v)}`
      case "between": {
        const [low, high] = v as unknown[]
        return `${lhs} BETWEEN ${val(low)} AND ${val(high)}`
      }
      case "within_last":
        return `${x} BETWEEN ${now()} - ${span()} AND ${now()}`
      case "before_last":
        return `${x} < ${now()} - ${span()}`
      case "within_next":
        return `${x} BETWEEN ${now()} AND ${now()} + ${span()}`
      case "anniversary_within_next":
        return anniversary(x, days())
    }
    throw new Error(`Unsupported operator "${leaf.operator}"`)
  }

  /**
   * Mirrors anniversaryWithinNext: on the UTC calendar, this year's or next
   * year's anniversary lies in [today, today + days). Adding whole years to a
   * date in Postgres moves Feb 29 to Feb 28 in other years, as the TS does.
   */
  function anniversary(x: string, days: number): string {
    const birth = `(${x} AT TIME ZONE 'UTC')::date`
    const today = () => `(${now()} AT TIME ZONE 'UTC')::date`
    const on = (extra: number) =>
      `(${birth} + make_interval(years => (date_part('year', ${today()}) - date_part('year', ${birth}))::int + ${extra}))::date`
    const inWindow = (extra: number) =>
      `((${on(extra)} - ${today()}) BETWEEN 0 AND ${bind(days, "integer")} - 1)`
    return `(${inWindow(0)} OR ${inWindow(1)})`
  }

  const sql = visit(root)
  // Every `?` must be one of ours, or knex would shift the bindings.
  if ((sql.match(/\?/g) ?? []).length !== params.length) throw new Error("Placeholder count mismatch")
  return { sql, params }
}
