import type { SqlRunner } from "../sql-runner"
import { CHURN_RISK_BANDS, type ChurnRiskBand } from "./churn-risk"
import { PREDICTIONS_LOCK } from "./fit-store"

// Read-only queries for the Predictions page and a contact's predictions; the fit itself writes in fit-store.ts.

/** The top lifetime values the Predictions page lists per currency. */
export const TOP_LIFETIME_VALUES = 10

export type CurrencyPredictionStats = {
  currency_code: string
  predictions: number
  churn_risk_bands: { band: ChurnRiskBand; count: number }[]
  top_lifetime_values: {
    contact_id: string
    email: string | null
    orders: number
    historic_value: number
    predicted_lifetime_value: number
    churn_risk_band: ChurnRiskBand
  }[]
}

/** Every stored fit column but the backtest, which weighs the most (its cumulative chart has a point per week). */
export const FIT_COLUMNS = [
  "id", "currency_code", "status", "missing", "customers", "repeat_customers", "history_days",
  "parameters", "timings", "error", "fitted_at",
] as const

/** The latest fit of each currency, backtest included, newest currency first by its buyers. */
export async function latestFits(em: SqlRunner): Promise<Record<string, unknown>[]> {
  return em.execute(
    `SELECT * FROM (
       SELECT DISTINCT ON (currency_code) ${FIT_COLUMNS.join(", ")}, backtest
         FROM marketing_prediction_fit
        WHERE deleted_at IS NULL
        ORDER BY currency_code, fitted_at DESC, id DESC
     ) f ORDER BY customers DESC, currency_code`
  )
}

/**
 * Per currency with predictions: how many, how they spread over the churn
 * risk bands (every band, zeros included), and the highest predicted
 * lifetime values with the contact's email.
 */
export async function predictionStats(em: SqlRunner, top = TOP_LIFETIME_VALUES): Promise<CurrencyPredictionStats[]> {
  const bands: { currency_code: string; churn_risk_band: ChurnRiskBand; n: number }[] = await em.execute(
    `SELECT currency_code, churn_risk_band, count(*)::int AS n
       FROM marketing_contact_prediction WHERE deleted_at IS NULL
      GROUP BY currency_code, churn_risk_band`
  )
  const tops: (CurrencyPredictionStats["top_lifetime_values"][number] & { currency_code: string })[] = await em.execute(
    `SELECT t.currency_code, t.contact_id, c.email, t.orders, t.historic_value, t.predicted_lifetime_value, t.churn_risk_band
       FROM (SELECT DISTINCT currency_code FROM marketing_contact_prediction WHERE deleted_at IS NULL) cur
       CROSS JOIN LATERAL (
         SELECT p.* FROM marketing_contact_prediction p
          WHERE p.currency_code = cur.currency_code AND p.deleted_at IS NULL AND p.predicted_lifetime_value IS NOT NULL
          ORDER BY p.predicted_lifetime_value DESC, p.contact_id
          LIMIT ?
       ) t
       LEFT JOIN marketing_contact c ON c.id = t.contact_id
      ORDER BY t.currency_code, t.predicted_lifetime_value DESC, t.contact_id`,
    [top]
  )
  const byCurrency = new Map<string, CurrencyPredictionStats>()
  const of = (currency: string) => {
    let s = byCurrency.get(currency)
    if (!s) {
      s = { currency_code: currency, predictions: 0, churn_risk_bands: CHURN_RISK_BANDS.map((band) => ({ band, count: 0 })), top_lifetime_values: [] }
      byCurrency.set(currency, s)
    }
    return s
  }
  for (const b of bands) {
    const s = of(b.currency_code)
    s.predictions += b.n
    const band = s.churn_risk_bands.find((x) => x.band === b.churn_risk_band)
    if (band) band.count = b.n
  }
  for (const { currency_code, ...row } of tops) {
    of(currency_code).top_lifetime_values.push({
      ...row,
      historic_value: Number(row.historic_value),
      predicted_lifetime_value: Number(row.predicted_lifetime_value),
    })
  }
  return [...byCurrency.values()]
}

/**
 * Whether an instance holds the fit's lock now (a fit is running, here or
 * elsewhere). Reads pg_locks rather than trying the lock, so asking never
 * makes a starting fit skip. `pg_try_advisory_xact_lock(bigint)` keeps the
 * key's high half in classid and its low half in objid, with objsubid 1.
 */
export async function fitLockHeld(em: SqlRunner): Promise<boolean> {
  const [row] = await em.execute(
    `SELECT EXISTS (
       SELECT 1 FROM pg_locks l, (SELECT hashtext(?)::bigint AS k) key
        WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND l.classid = ((key.k >> 32) & 4294967295)::oid AND l.objid = (key.k & 4294967295)::oid
     ) AS held`,
    [PREDICTIONS_LOCK]
  )
  return !!row?.held
}

/** A contact's predictions in every currency, each with when its fit ran. */
export async function contactPredictions(em: SqlRunner, contactId: string): Promise<Record<string, unknown>[]> {
  return em.execute(
    `SELECT p.currency_code, p.fit_id, p.orders, p.first_order_at, p.last_order_at, p.historic_value, p.average_order_value,
            p.average_days_between_orders, p.probability_active, p.churn_risk, p.churn_risk_band, p.predicted_orders_365,
            p.predicted_value_365, p.predicted_lifetime_value, p.expected_next_order_at, p.predicted_at, f.fitted_at
       FROM marketing_contact_prediction p
       LEFT JOIN marketing_prediction_fit f ON f.id = p.fit_id
      WHERE p.contact_id = ? AND p.deleted_at IS NULL
      ORDER BY p.historic_value DESC, p.currency_code`,
    [contactId]
  )
}

/** A lead's purchase propensity from the latest fit, with that fit's date and AUC; null for a customer or before a fit. */
export async function contactPropensity(em: SqlRunner, contactId: string): Promise<Record<string, unknown> | null> {
  const [row] = await em.execute(
    `SELECT p.fit_id, p.probability, p.percentile, p.predicted_at, f.fitted_at, f.auc
       FROM marketing_contact_propensity p
       LEFT JOIN marketing_propensity_fit f ON f.id = p.fit_id
      WHERE p.contact_id = ?`,
    [contactId]
  )
  return row ?? null
}

/** Past fits, newest first, of one currency or all; the backtest only when asked for. */
export async function listFitHistory(
  em: SqlRunner,
  input: { currency_code?: string; limit: number; offset: number; with_backtest?: boolean }
): Promise<{ fits: Record<string, unknown>[]; count: number }> {
  const where = `deleted_at IS NULL${input.currency_code ? " AND currency_code = ?" : ""}`
  const params = input.currency_code ? [input.currency_code] : []
  const fits = await em.execute(
    `SELECT ${FIT_COLUMNS.join(", ")}${input.with_backtest ? ", backtest" : ""}
       FROM marketing_prediction_fit WHERE ${where}
      ORDER BY fitted_at DESC, id DESC LIMIT ? OFFSET ?`,
    [...params, input.limit, input.offset]
  )
  const [{ n }] = await em.execute(`SELECT count(*)::int AS n FROM marketing_prediction_fit WHERE ${where}`, params)
  return { fits, count: n }
}
