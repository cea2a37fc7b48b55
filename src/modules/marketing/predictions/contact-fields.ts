/**
 * Predictions as contact fields, for segments, fit rules, flow conditions,
 * date triggers and templates. No Medusa import: the admin may read the names.
 *
 * Which currency: predictions are stored per (contact, currency). A contact's
 * prediction fields read its **main currency**, the one it has spent the most
 * in (`historic_value`), then the one with more orders, then the first code
 * alphabetically. In a one-currency store that is simply the store's currency;
 * in a store selling in several, each customer is judged where they really
 * buy. Amounts (`predicted_lifetime_value`, `historic_value`, …) are then in
 * `prediction_currency_code`; the percentile is within that currency, so
 * "top 20 %" means the same in every currency.
 */
import type { FieldCatalog, FieldDef, FieldType } from "../conditions"
import { CHURN_RISK_BANDS } from "./churn-risk"

/** Field name → its column on `marketing_contact_prediction`, and its type. */
const COLUMNS = {
  churn_risk: ["churn_risk", "number"],
  churn_risk_band: ["churn_risk_band", "enum"],
  probability_active: ["probability_active", "number"],
  predicted_orders_365: ["predicted_orders_365", "number"],
  predicted_value_365: ["predicted_value_365", "number"],
  predicted_lifetime_value: ["predicted_lifetime_value", "number"],
  predicted_lifetime_value_percentile: ["predicted_lifetime_value_percentile", "number"],
  expected_next_order_at: ["expected_next_order_at", "date"],
  average_days_between_orders: ["average_days_between_orders", "number"],
  historic_value: ["historic_value", "number"],
  prediction_currency_code: ["currency_code", "string"],
} as const satisfies Record<string, readonly [string, FieldType]>

/**
 * A lead's purchase propensity (`marketing_contact_propensity`, one row per
 * lead, no currency): the probability of a first order within 30 days, and its
 * percentile among the leads of the latest fit. A customer has none.
 */
const PROPENSITY_COLUMNS = {
  purchase_propensity: "probability",
  purchase_propensity_percentile: "percentile",
} as const

export type PredictionField = keyof typeof COLUMNS | keyof typeof PROPENSITY_COLUMNS
export const PREDICTION_FIELDS = [...Object.keys(COLUMNS), ...Object.keys(PROPENSITY_COLUMNS)] as PredictionField[]

/** The table the fields read; tests point it at their own. */
export const PREDICTION_TABLE = "marketing_contact_prediction"
export const PROPENSITY_TABLE = "marketing_contact_propensity"

// The figures are real (float4). Compared as is, 0.3 would be float4's 0.30000001 in SQL but
// 0.3 in TS (pg hands the shortest text to node); through text both read 0.3.
const asNumeric = (expression: string) => `${expression}::text::numeric`

/**
 * How a contact's rows (alias `a`) are ranked to find its main currency.
 * `COLLATE "C"` compares codes byte by byte, as JS `<` does in `mainPrediction`.
 */
export const mainPredictionOrder = (a: string) => `${a}.historic_value DESC, ${a}.orders DESC, ${a}.currency_code COLLATE "C"`

/** SQL: the contact's main prediction row (`SELECT <what> … LIMIT 1`) for the contact id expression `contactId`. */
export function mainPredictionSubquery(what: string, contactId: string, table = PREDICTION_TABLE): string {
  return `(SELECT ${what} FROM ${table} mma_pred WHERE mma_pred.contact_id = ${contactId} ORDER BY ${mainPredictionOrder("mma_pred")} LIMIT 1)`
}

/**
 * The prediction fields, each a subquery on the contact's main row. The row's
 * alias is required: an unqualified `id` inside the subquery would read the
 * prediction's own id.
 */
export function predictionCatalog(table = PREDICTION_TABLE, contactIdColumn = "id", propensityTable = PROPENSITY_TABLE): FieldCatalog {
  for (const t of [table, propensityTable]) if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(t)) throw new Error(`Invalid table "${t}"`)
  const catalog: Record<string, FieldDef> = {}
  for (const [name, [column, type]] of Object.entries(COLUMNS)) {
    catalog[name] = {
      type,
      column: (alias) => {
        if (!alias) throw new Error(`Prediction field "${name}" needs the contact row's alias`)
        const value = type === "number" ? asNumeric(`mma_pred.${column}`) : `mma_pred.${column}`
        return mainPredictionSubquery(value, `${alias}.${contactIdColumn}`, table)
      },
      ...(type === "enum" ? { values: CHURN_RISK_BANDS } : {}),
    }
  }
  for (const [name, column] of Object.entries(PROPENSITY_COLUMNS)) {
    catalog[name] = {
      type: "number",
      column: (alias) => {
        if (!alias) throw new Error(`Prediction field "${name}" needs the contact row's alias`)
        return `(SELECT ${asNumeric(`mma_prop.${column}`)} FROM ${propensityTable} mma_prop WHERE mma_prop.contact_id = ${alias}.${contactIdColumn})`
      },
    }
  }
  return catalog
}

export const PREDICTION_CATALOG: FieldCatalog = predictionCatalog()

/** A stored prediction row, as far as the fields need it (pg may give numbers as strings). */
export type PredictionRow = {
  contact_id: string
  currency_code: string
  historic_value: number | string
  orders: number | string
  [column: string]: unknown
}

/** The contact's main row among its rows: the TS twin of `MAIN_PREDICTION_ORDER`. */
export function mainPrediction<T extends PredictionRow>(rows: readonly T[]): T | null {
  let best: T | null = null
  for (const row of rows) {
    if (!best) {
      best = row
      continue
    }
    const dv = Number(row.historic_value) - Number(best.historic_value)
    const dn = Number(row.orders) - Number(best.orders)
    if (dv > 0 || (dv === 0 && (dn > 0 || (dn === 0 && row.currency_code < best.currency_code)))) best = row
  }
  return best
}

/** A lead's stored propensity, as far as the fields need it. */
export type PropensityRow = { probability: number | string | null; percentile: number | string | null }

/** The fields' values from the main row and the propensity row, by field name; null where there is none. */
export function predictionValues(row: PredictionRow | null, propensity: PropensityRow | null = null): Record<PredictionField, unknown> {
  const out = {} as Record<PredictionField, unknown>
  for (const [name, [column]] of Object.entries(COLUMNS)) out[name as PredictionField] = row ? (row[column] ?? null) : null
  for (const [name, column] of Object.entries(PROPENSITY_COLUMNS)) {
    out[name as PredictionField] = propensity?.[column] == null ? null : Number(propensity[column])
  }
  return out
}

/** Whether a condition tree (segment, fit rule, flow condition) reads a prediction field. */
export function readsPredictions(tree: unknown): boolean {
  if (!tree || typeof tree !== "object") return false
  if (Array.isArray(tree)) return tree.some(readsPredictions)
  const node = tree as Record<string, unknown>
  if (typeof node.field === "string" && (PREDICTION_FIELDS as string[]).includes(node.field)) return true
  return Object.values(node).some((v) => typeof v === "object" && readsPredictions(v))
}
