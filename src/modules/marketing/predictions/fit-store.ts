import type { SqlRunner } from "../sql-runner"
import { backtest, cumulativeRepeatOrders, type BacktestResult, type CumulativePoint } from "./backtest"
import { DAYS_PER_WEEK, type BgNbdFit, type PurchaseSummary } from "./bg-nbd"
import { predictCustomers, type CustomerModels, type CustomerSummary } from "./customer"
import { fitGammaGamma, type GammaGammaFit } from "./gamma-gamma"
import { MBG_NBD, ORDER_MODELS, type OrderModelKind } from "./order-model"
import { dayNumber, readOrderSummaries, type OrderDaysRow } from "./summaries-sql"

// The nightly fit: summaries in SQL, models fitted per currency, a backtest, every customer's predictions written.

/** MBG/NBD: unlike BG/NBD, a one-order customer's churn risk grows with their silence. */
const ORDERS_MODEL = MBG_NBD

export type PredictionOptions = {
  minBuyers: number
  minRepeatBuyers: number
  minHistoryDays: number
  backtestWeeks: number
  lifetimeYears: number
  annualDiscountRate: number
}

/** Taken for the whole fit: one instance fits, the others skip. */
export const PREDICTIONS_LOCK = "mma:predictions-fit"

/**
 * Held by the fit (exclusive) and by each live update of a contact (shared):
 * an update made during a fit waits for it, so the fit never overwrites a
 * fresher figure, and a fit waits for the updates in flight.
 */
export const PREDICTIONS_WRITE_LOCK = "mma:predictions-write"

/** The nightly job of a second instance, starting after the first committed, finds this fresh fit and skips. */
export const FIT_FRESH_HOURS = 20

export type CurrencyFit = {
  id: string
  currency_code: string
  status: "fitted" | "insufficient" | "failed"
  missing: string | null
  customers: number
  repeat_customers: number
  predictions: number
}

export type Backtest =
  | (BacktestResult & { calibration_customers: number; cumulative: CumulativePoint[] })
  | { skipped: string }

/** What a minimum asks for, in the owner's words, or null when the currency meets them all. */
export function missingMinimum(
  counts: { customers: number; repeat_customers: number; history_days: number },
  o: Pick<PredictionOptions, "minBuyers" | "minRepeatBuyers" | "minHistoryDays">
): string | null {
  if (counts.customers < o.minBuyers) return `at least ${o.minBuyers} buyers (${counts.customers} so far)`
  if (counts.repeat_customers < o.minRepeatBuyers) {
    return `at least ${o.minRepeatBuyers} buyers with a second order (${counts.repeat_customers} so far)`
  }
  if (counts.history_days < o.minHistoryDays) {
    return `at least ${o.minHistoryDays} days of order history (${Math.floor(counts.history_days)} so far)`
  }
  return null
}

/** The models' summary of a customer at `endDay`, from the whole history or its calibration part. */
function summaryAt(r: OrderDaysRow, endDay: number, part: "all" | "calibration"): CustomerSummary {
  const days = part === "all" ? r.order_days : r.calibration_order_days
  const last = part === "all" ? r.last_day : (r.calibration_last_day as number)
  const repeat = days - 1
  return {
    repeat_orders: repeat,
    weeks_first_to_last: (last - r.first_day) / DAYS_PER_WEEK,
    weeks_since_first: (endDay - r.first_day) / DAYS_PER_WEEK,
    // Spend is fitted on the whole history's repeat orders only.
    average_order_value: part === "all" && repeat > 0 ? r.repeat_value / repeat : null,
  }
}

/**
 * Fits every currency's models and rewrites its customers' predictions.
 * Returns null when another instance holds the fit, or (unless `force`)
 * when a fit is less than FIT_FRESH_HOURS old. A currency below a
 * minimum keeps no predictions (stale figures would mislead) and records
 * which minimum is missing.
 */
export async function fitPredictions(
  em: SqlRunner,
  input: { options: PredictionOptions; timeZone: string; now: Date; force?: boolean }
): Promise<CurrencyFit[] | null> {
  const { options, timeZone, now } = input
  const [{ locked }] = await em.execute(`SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked`, [PREDICTIONS_LOCK])
  if (!locked) return null
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [PREDICTIONS_WRITE_LOCK])
  if (!input.force) {
    const [fresh] = await em.execute(
      `SELECT 1 FROM marketing_prediction_fit WHERE fitted_at > ?::timestamptz - make_interval(hours => ?) AND fitted_at <= ?::timestamptz AND deleted_at IS NULL LIMIT 1`,
      [now.toISOString(), FIT_FRESH_HOURS, now.toISOString()]
    )
    if (fresh) return null
  }
  const clock = timer()
  const endDay = await dayNumber(em, now, timeZone)
  const calibrationEndDay = endDay - options.backtestWeeks * DAYS_PER_WEEK
  const { rows, weeks } = await readOrderSummaries(em, { timeZone, endDay, calibrationEndDay })
  const summariesSeconds = clock()
  const byCurrency = new Map<string, OrderDaysRow[]>()
  for (const r of rows) {
    const list = byCurrency.get(r.currency_code)
    if (list) list.push(r)
    else byCurrency.set(r.currency_code, [r])
  }
  // Currencies fitted before and without orders now lose their predictions too.
  const known: { currency_code: string }[] = await em.execute(`SELECT DISTINCT currency_code FROM marketing_contact_prediction`)
  for (const { currency_code } of known) if (!byCurrency.has(currency_code)) byCurrency.set(currency_code, [])

  const out: CurrencyFit[] = []
  for (const [currency, list] of byCurrency) {
    const c = timer()
    const counts = {
      customers: list.length,
      repeat_customers: list.filter((r) => r.order_days > 1).length,
      history_days: list.length ? endDay - earliestFirstDay(list) : 0,
    }
    await em.execute(`DELETE FROM marketing_contact_prediction WHERE currency_code = ?`, [currency])
    const missing = missingMinimum(counts, options)
    const id = `mpfit_${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
    if (missing) {
      await insertFit(em, { id, currency, status: "insufficient", missing, counts, now })
      out.push({ id, currency_code: currency, status: "insufficient", missing, ...pick(counts), predictions: 0 })
      continue
    }
    try {
      const summaries = list.map((r) => summaryAt(r, endDay, "all"))
      const orders = ORDERS_MODEL.fit(summaries)
      const spend = fitSpend(summaries)
      const fitSeconds = c()
      const figures = predictCustomers({ orders: orders.params, orders_model: ORDERS_MODEL, spend: spend?.params ?? null }, summaries, {
        lifetime_years: options.lifetimeYears,
        annual_discount_rate: options.annualDiscountRate,
      })
      const predictSeconds = c()
      const accuracy = runBacktest(list, calibrationEndDay, options, weeks.get(currency))
      const backtestSeconds = c()
      await writePredictions(em, { fitId: id, currency, now, rows: list, figures })
      const writeSeconds = c()
      await insertFit(em, {
        id, currency, status: "fitted", missing: null, counts, now,
        parameters: {
          orders_model: ORDERS_MODEL.kind,
          [ORDERS_MODEL.kind]: { ...orders.params, log_likelihood: orders.log_likelihood, converged: orders.converged },
          gamma_gamma: spend ? { ...spend.params, customers: spend.customers, converged: spend.converged } : null,
        },
        backtest: accuracy,
        timings: { summaries: summariesSeconds, fit: fitSeconds, predict: predictSeconds, backtest: backtestSeconds, write: writeSeconds },
      })
      out.push({ id, currency_code: currency, status: "fitted", missing: null, ...pick(counts), predictions: list.length })
    } catch (e) {
      // A fit that cannot converge on this store's data is recorded, not thrown: the other currencies go on.
      const error = e instanceof Error ? e.message : String(e)
      await insertFit(em, { id, currency, status: "failed", missing: null, counts, now, error })
      out.push({ id, currency_code: currency, status: "failed", missing: null, ...pick(counts), predictions: 0 })
    }
  }
  return out
}

/**
 * The models a fit stored, to predict with between fits: the order model it
 * names, its parameters under that name (fits from before MBG/NBD stored
 * BG/NBD's under `bgnbd`, without `orders_model`).
 */
export function modelsOfFit(parameters: Record<string, any> | null): CustomerModels | null {
  const kind: string = parameters?.orders_model ?? "bgnbd"
  const model = Object.prototype.hasOwnProperty.call(ORDER_MODELS, kind) ? ORDER_MODELS[kind as OrderModelKind] : null
  const o = model ? parameters?.[model.kind] : null
  if (!model || !o) return null
  const g = parameters?.gamma_gamma
  return {
    orders: { r: o.r, alpha: o.alpha, a: o.a, b: o.b },
    orders_model: model,
    spend: g ? { p: g.p, q: g.q, gamma: g.gamma } : null,
  }
}

/**
 * One contact's predictions made again after they ordered (or an order was
 * canceled), with each currency's latest fitted models: their summary moves,
 * the parameters wait for the night. A currency without a fitted model gives
 * none. Returns the predictions written.
 */
export async function updateContactPredictions(
  em: SqlRunner,
  input: { contactId: string; options: PredictionOptions; timeZone: string; now: Date }
): Promise<number> {
  const { contactId, options, timeZone, now } = input
  await em.execute(`SELECT pg_advisory_xact_lock_shared(hashtext(?))`, [PREDICTIONS_WRITE_LOCK])
  const endDay = await dayNumber(em, now, timeZone)
  const { rows } = await readOrderSummaries(em, { timeZone, endDay, calibrationEndDay: endDay, contactId })
  const fits: { id: string; currency_code: string; status: string; parameters: Record<string, any> | null }[] = await em.execute(
    `SELECT DISTINCT ON (currency_code) id, currency_code, status, parameters FROM marketing_prediction_fit
      WHERE deleted_at IS NULL ORDER BY currency_code, fitted_at DESC, id DESC`
  )
  await em.execute(`DELETE FROM marketing_contact_prediction WHERE contact_id = ?`, [contactId])
  // A first order makes the lead a customer: its propensity (of a first order) no longer applies.
  if (rows.length) await em.execute(`DELETE FROM marketing_contact_propensity WHERE contact_id = ?`, [contactId])
  let written = 0
  for (const row of rows) {
    const fit = fits.find((f) => f.currency_code === row.currency_code)
    const models = fit?.status === "fitted" ? modelsOfFit(fit.parameters) : null
    if (!fit || !models) continue
    const figures = predictCustomers(models, [summaryAt(row, endDay, "all")], {
      lifetime_years: options.lifetimeYears,
      annual_discount_rate: options.annualDiscountRate,
    })
    await writePredictions(em, { fitId: fit.id, currency: row.currency_code, now, rows: [row], figures })
    written++
  }
  return written
}

/** A loop, not Math.min(...rows): 300k arguments overflow the call stack. */
function earliestFirstDay(rows: OrderDaysRow[]): number {
  let min = Infinity
  for (const r of rows) if (r.first_day < min) min = r.first_day
  return min
}

const pick = (c: { customers: number; repeat_customers: number }) => ({ customers: c.customers, repeat_customers: c.repeat_customers })

function timer(): () => number {
  let t = process.hrtime.bigint()
  return () => {
    const now = process.hrtime.bigint()
    const s = Number(now - t) / 1e9
    t = now
    return Math.round(s * 1000) / 1000
  }
}

/** Gamma-Gamma needs repeat buyers with a positive average; without any, value predictions stay null. */
function fitSpend(summaries: CustomerSummary[]): GammaGammaFit | null {
  const spend = summaries
    .filter((s) => s.repeat_orders > 0 && (s.average_order_value ?? 0) > 0)
    .map((s) => ({ repeat_orders: s.repeat_orders, average_order_value: s.average_order_value as number }))
  return spend.length ? fitGammaGamma(spend) : null
}

/**
 * Fits the order model on the customers known at the calibration end, with
 * their orders until then, and compares its forecast of the last weeks with
 * what they ordered. Skipped, with the reason, when the calibration part is
 * itself below the minimums.
 */
function runBacktest(
  list: OrderDaysRow[],
  calibrationEndDay: number,
  options: PredictionOptions,
  weeks: { start_day: number; repeat_days_by_week: number[] } | undefined
): Backtest {
  const calibration = list.filter((r) => r.calibration_last_day !== null)
  const counts = {
    customers: calibration.length,
    repeat_customers: calibration.filter((r) => r.calibration_order_days > 1).length,
    history_days: calibration.length ? calibrationEndDay - earliestFirstDay(calibration) : 0,
  }
  const missing = missingMinimum(counts, options)
  if (missing) return { skipped: `the ${options.backtestWeeks} weeks before the last need ${missing}` }
  const summaries: PurchaseSummary[] = calibration.map((r) => summaryAt(r, calibrationEndDay, "calibration"))
  const fit: BgNbdFit = ORDERS_MODEL.fit(summaries)
  const result = backtest(
    fit.params,
    summaries.map((s, i) => ({ ...s, holdout_repeat_orders: calibration[i].holdout_order_days })),
    options.backtestWeeks,
    ORDERS_MODEL
  )
  const cumulative = weeks
    ? cumulativeRepeatOrders(
        fit.params,
        calibration.map((r) => (r.first_day - weeks.start_day) / DAYS_PER_WEEK),
        weeks.repeat_days_by_week,
        { model: ORDERS_MODEL }
      )
    : []
  return { ...result, calibration_customers: calibration.length, cumulative }
}

async function insertFit(
  em: SqlRunner,
  f: {
    id: string
    currency: string
    status: CurrencyFit["status"]
    missing: string | null
    counts: { customers: number; repeat_customers: number; history_days: number }
    now: Date
    parameters?: unknown
    backtest?: unknown
    timings?: unknown
    error?: string
  }
): Promise<void> {
  await em.execute(
    `INSERT INTO marketing_prediction_fit (id, currency_code, status, missing, customers, repeat_customers, history_days,
                                           parameters, backtest, timings, error, fitted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, ?, ?::timestamptz)`,
    [
      f.id, f.currency, f.status, f.missing, f.counts.customers, f.counts.repeat_customers, f.counts.history_days,
      f.parameters ? JSON.stringify(f.parameters) : null, f.backtest ? JSON.stringify(f.backtest) : null,
      f.timings ? JSON.stringify(f.timings) : null, f.error ?? null, f.now.toISOString(),
    ]
  )
}

const DAY_MS = 86_400_000

/** Every customer's figures, one statement per 50k customers. */
async function writePredictions(
  em: SqlRunner,
  input: {
    fitId: string
    currency: string
    now: Date
    rows: OrderDaysRow[]
    figures: ReturnType<typeof predictCustomers>
  }
): Promise<void> {
  const { fitId, currency, now, rows, figures } = input
  const prefix = `mpred_${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}_`
  const nowIso = now.toISOString()
  const dayIso = (day: number) => new Date(day * DAY_MS).toISOString()
  const CHUNK = 50_000
  for (let start = 0; start < rows.length; start += CHUNK) {
    const batch: Record<string, unknown>[] = []
    for (let i = start; i < Math.min(rows.length, start + CHUNK); i++) {
      const r = rows[i]
      const f = figures[i]
      const wait = f.days_to_next_order
      batch.push({
        id: `${prefix}${i}`, contact_id: r.contact_id, orders: r.order_days, first_at: dayIso(r.first_day), last_at: dayIso(r.last_day),
        historic: r.historic_value, aov: r.historic_value / r.order_days, gap: f.average_days_between_orders,
        p_active: f.probability_active, churn: f.churn_risk, band: f.churn_risk_band, orders_365: f.predicted_orders,
        value_365: f.predicted_value, ltv: f.predicted_lifetime_value,
        next_at: wait == null || !Number.isFinite(wait) ? null : new Date(now.getTime() + wait * DAY_MS).toISOString(),
      })
    }
    await em.execute(
      `INSERT INTO marketing_contact_prediction (id, contact_id, currency_code, fit_id, orders, first_order_at, last_order_at, historic_value,
              average_order_value, average_days_between_orders, probability_active, churn_risk, churn_risk_band, predicted_orders_365,
              predicted_value_365, predicted_lifetime_value, expected_next_order_at, predicted_at)
       SELECT u.id, u.contact_id, ?, ?, u.orders, u.first_at, u.last_at, u.historic, u.aov, u.gap, u.p_active, u.churn, u.band,
              u.orders_365, u.value_365, u.ltv, u.next_at, ?::timestamptz
         FROM jsonb_to_recordset(?::jsonb) AS u (id text, contact_id text, orders int, first_at timestamptz, last_at timestamptz,
              historic float8, aov float8, gap float8, p_active float8, churn float8, band text, orders_365 float8, value_365 float8,
              ltv float8, next_at timestamptz)`,
      [currency, fitId, nowIso, JSON.stringify(batch)]
    )
  }
  // Percentiles need the whole currency, so they follow the inserts: "top 20 %" is percentile >= 80.
  await em.execute(
    `UPDATE marketing_contact_prediction p SET predicted_lifetime_value_percentile = r.percentile
       FROM (SELECT id, 100 * percent_rank() OVER (ORDER BY predicted_lifetime_value) AS percentile
               FROM marketing_contact_prediction WHERE currency_code = ? AND predicted_lifetime_value IS NOT NULL) r
      WHERE p.id = r.id`,
    [currency]
  )
}
