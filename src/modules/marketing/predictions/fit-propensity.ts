import type { SqlRunner } from "../sql-runner"
import { FIT_FRESH_HOURS } from "./fit-store"
import { featureMatrix, varyingFeatures, weightsInWords, type LeadRow, type WeightInWords } from "./lead-features"
import { areaUnderCurve, fitPurchasePropensity, oddsRatios, purchaseProbability } from "./propensity"
import { PROPENSITY_HORIZON_DAYS, dropFirstOrders, prepareFirstOrders, readLeadRows } from "./propensity-sql"

// The nightly propensity fit: leads' rows in SQL at two reference times, a logistic regression, today's leads scored.

export type PropensityOptions = { minLeads: number; minFirstBuyers: number }

/** Taken for the whole fit: one instance fits, the others skip. */
export const PROPENSITY_LOCK = "mma:propensity-fit"

const DAY_MS = 86_400_000

export type PropensityFitSummary = {
  id: string
  status: "fitted" | "insufficient" | "failed"
  missing: string | null
  training_leads: number
  training_first_buyers: number
  evaluation_leads: number
  evaluation_first_buyers: number
  scored_leads: number
  auc: number | null
}

export type PropensityModelRecord = {
  features: string[]
  left_out: string[]
  intercept: number
  weights: WeightInWords[]
  /** Share of the evaluation window's leads who placed a first order within 30 days. */
  base_rate: number
  ridge: number
  converged: boolean
  iterations: number
}

type Window = { day: string; from: Date; rows: LeadRow[]; leads: number; first_buyers: number }

/** What a window lacks, in the owner's words, or null when it meets both minimums. `day`: its start, YYYY-MM-DD. */
export function missingPropensityMinimum(w: { day: string; leads: number; first_buyers: number }, o: PropensityOptions): string | null {
  if (w.leads < o.minLeads) return `at least ${o.minLeads} leads on ${w.day} (${w.leads} so far)`
  if (w.first_buyers < o.minFirstBuyers) {
    return `at least ${o.minFirstBuyers} of the leads on ${w.day} placing a first order within ${PROPENSITY_HORIZON_DAYS} days (${w.first_buyers} so far)`
  }
  const others = w.leads - w.first_buyers
  if (others < o.minFirstBuyers) {
    return `at least ${o.minFirstBuyers} of the leads on ${w.day} not ordering within ${PROPENSITY_HORIZON_DAYS} days (${others} so far)`
  }
  return null
}

const day = (d: Date) => d.toISOString().slice(0, 10)

/**
 * Time split: the model is trained on the leads of 60 days ago (did they
 * place a first order in the 30 days after?), and its AUC measured on the
 * leads of 30 days ago, whose outcome is the last 30 days: a test on a period
 * it never saw. The model that scores today's leads is then refitted, same
 * features, on that latest window: the freshest behaviour, while the AUC says
 * how well a model made this way predicted the next 30 days.
 * Null when another instance holds the fit or (unless `force`) a fit is
 * under FIT_FRESH_HOURS old. Below a minimum no lead keeps a probability.
 */
export async function fitLeadPropensity(
  em: SqlRunner,
  input: { options: PropensityOptions; halfLifeDays: number; now: Date; force?: boolean }
): Promise<PropensityFitSummary | null> {
  const { options, halfLifeDays, now } = input
  const [{ locked }] = await em.execute(`SELECT pg_try_advisory_xact_lock(hashtext(?)) AS locked`, [PROPENSITY_LOCK])
  if (!locked) return null
  if (!input.force) {
    const [fresh] = await em.execute(
      `SELECT 1 FROM marketing_propensity_fit WHERE fitted_at > ?::timestamptz - make_interval(hours => ?) AND fitted_at <= ?::timestamptz AND deleted_at IS NULL LIMIT 1`,
      [now.toISOString(), FIT_FRESH_HOURS, now.toISOString()]
    )
    if (fresh) return null
  }
  const clock = timer()
  const id = `mpfp_${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 10)}`
  const trainingFrom = new Date(now.getTime() - 2 * PROPENSITY_HORIZON_DAYS * DAY_MS)
  const evaluationFrom = new Date(now.getTime() - PROPENSITY_HORIZON_DAYS * DAY_MS)
  await prepareFirstOrders(em, now)
  const window = async (from: Date): Promise<Window> => {
    const rows = await readLeadRows(em, { reference: from, halfLifeDays })
    return { day: day(from), from, rows, leads: rows.length, first_buyers: rows.filter((r) => r.bought).length }
  }
  const training = await window(trainingFrom)
  const evaluation = await window(evaluationFrom)
  const summary = (status: PropensityFitSummary["status"], extra: Partial<PropensityFitSummary> = {}): PropensityFitSummary => ({
    id, status, missing: null, scored_leads: 0, auc: null,
    training_leads: training.leads, training_first_buyers: training.first_buyers,
    evaluation_leads: evaluation.leads, evaluation_first_buyers: evaluation.first_buyers,
    ...extra,
  })
  // Stale probabilities would mislead: whatever happens below, yesterday's go.
  await em.execute(`DELETE FROM marketing_contact_propensity`)
  const readSeconds = clock()
  const missing = missingPropensityMinimum(training, options) ?? missingPropensityMinimum(evaluation, options)
  if (missing) {
    await dropFirstOrders(em)
    const out = summary("insufficient", { missing })
    await insertFit(em, out, { trainingFrom, evaluationFrom, now })
    return out
  }
  try {
    const { used, left_out } = varyingFeatures([training.rows, evaluation.rows])
    const trained = fitPurchasePropensity(featureMatrix(training.rows, used), training.rows.map((r) => r.bought), used)
    const evalX = featureMatrix(evaluation.rows, used)
    const auc = areaUnderCurve(evalX.map((x) => purchaseProbability(trained, x)), evaluation.rows.map((r) => r.bought))
    const model = fitPurchasePropensity(evalX, evaluation.rows.map((r) => r.bought), used)
    const fitSeconds = clock()
    const leads = await readLeadRows(em, { reference: now, halfLifeDays })
    await dropFirstOrders(em)
    const probabilities = featureMatrix(leads, used).map((x) => purchaseProbability(model, x))
    await writePropensities(em, { fitId: id, now, leads, probabilities })
    const scoreSeconds = clock()
    const record: PropensityModelRecord = {
      features: used,
      left_out,
      intercept: model.intercept,
      weights: weightsInWords(oddsRatios(model)),
      base_rate: evaluation.first_buyers / evaluation.leads,
      ridge: model.ridge,
      converged: model.converged,
      iterations: model.iterations,
    }
    const out = summary("fitted", { auc: Number.isFinite(auc) ? auc : null, scored_leads: leads.length })
    await insertFit(em, out, {
      trainingFrom, evaluationFrom, now, model: record,
      timings: { read: readSeconds, fit: fitSeconds, score: scoreSeconds },
    })
    return out
  } catch (e) {
    // Recorded, not thrown: the customers' fit and the send times go on.
    await dropFirstOrders(em)
    const out = summary("failed")
    await insertFit(em, out, { trainingFrom, evaluationFrom, now, error: e instanceof Error ? e.message : String(e) })
    return out
  }
}

function timer(): () => number {
  let t = process.hrtime.bigint()
  return () => {
    const next = process.hrtime.bigint()
    const s = Number(next - t) / 1e9
    t = next
    return Math.round(s * 1000) / 1000
  }
}

async function insertFit(
  em: SqlRunner,
  s: PropensityFitSummary,
  f: { trainingFrom: Date; evaluationFrom: Date; now: Date; model?: PropensityModelRecord; timings?: unknown; error?: string }
): Promise<void> {
  await em.execute(
    `INSERT INTO marketing_propensity_fit (id, status, missing, training_leads, training_first_buyers, evaluation_leads,
            evaluation_first_buyers, scored_leads, auc, training_from, evaluation_from, model, timings, error, fitted_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz, ?::jsonb, ?::jsonb, ?, ?::timestamptz)`,
    [
      s.id, s.status, s.missing, s.training_leads, s.training_first_buyers, s.evaluation_leads, s.evaluation_first_buyers,
      s.scored_leads, s.auc, f.trainingFrom.toISOString(), f.evaluationFrom.toISOString(),
      f.model ? JSON.stringify(f.model) : null, f.timings ? JSON.stringify(f.timings) : null, f.error ?? null, f.now.toISOString(),
    ]
  )
}

/** Every lead's probability, one statement per 50k leads, then their percentiles. */
async function writePropensities(
  em: SqlRunner,
  input: { fitId: string; now: Date; leads: LeadRow[]; probabilities: number[] }
): Promise<void> {
  const { fitId, now, leads, probabilities } = input
  const prefix = `mprop_${now.getTime().toString(36)}${Math.random().toString(36).slice(2, 8)}_`
  const CHUNK = 50_000
  for (let start = 0; start < leads.length; start += CHUNK) {
    const batch = leads.slice(start, start + CHUNK).map((l, i) => ({ id: `${prefix}${start + i}`, contact_id: l.contact_id, p: probabilities[start + i] }))
    await em.execute(
      `INSERT INTO marketing_contact_propensity (id, contact_id, fit_id, probability, predicted_at)
       SELECT u.id, u.contact_id, ?, u.p, ?::timestamptz FROM jsonb_to_recordset(?::jsonb) AS u (id text, contact_id text, p float8)`,
      [fitId, now.toISOString(), JSON.stringify(batch)]
    )
  }
  // Percentiles need every lead, so they follow the inserts (the table holds this fit's leads only).
  await em.execute(
    `UPDATE marketing_contact_propensity p SET percentile = r.percentile
       FROM (SELECT id, 100 * percent_rank() OVER (ORDER BY probability) AS percentile FROM marketing_contact_propensity) r
      WHERE p.id = r.id`
  )
}
