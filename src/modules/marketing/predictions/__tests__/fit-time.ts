/**
 * How long the pure part of the nightly fit takes at the scale
 * (300k customers): not a test, a timing to read. Run from the repository:
 *   npx ts-node --swc -O '{"module":"commonjs","moduleResolution":"node"}' src/modules/marketing/predictions/__tests__/fit-time.ts [customers] [mbgnbd|bgnbd]
 * Customers are drawn from the chosen order model's story (MBG/NBD, the nightly fit's, by default).
 */
import { DAYS_PER_WEEK, groupSummaries, type PurchaseSummary } from "../bg-nbd"
import { backtest, countByWeek, cumulativeRepeatOrders } from "../backtest"
import { predictCustomers } from "../customer"
import { fitGammaGamma } from "../gamma-gamma"
import { ORDER_MODELS, type OrderModelKind } from "../order-model"
import { simulateBgNbd, simulateGammaGamma, simulateMbgNbd } from "./simulate"

const customers = Number(process.argv[2] ?? 300_000)
const kind = (process.argv[3] ?? "mbgnbd") as OrderModelKind
const model = ORDER_MODELS[kind]
if (!model) throw new Error(`the order model must be one of ${Object.keys(ORDER_MODELS).join(", ")}, got ${kind}`)
const HISTORY_WEEKS = 104
const HOLDOUT_WEEKS = 26
// SQL hands over whole days, so the summaries here are rounded to days as well
const day = (weeks: number) => Math.round(weeks * DAYS_PER_WEEK) / DAYS_PER_WEEK
const toDays = (s: PurchaseSummary): PurchaseSummary => ({
  repeat_orders: s.repeat_orders,
  weeks_first_to_last: day(s.weeks_first_to_last),
  weeks_since_first: day(s.weeks_since_first),
})

// BG/NBD: the paper's CDNOW estimates; MBG/NBD: a store where a third of first-time buyers stop at once
const truth = kind === "bgnbd" ? { r: 0.24, alpha: 4.41, a: 0.79, b: 2.43 } : { r: 0.5, alpha: 6, a: 0.9, b: 1.6 }
const simulate = kind === "bgnbd" ? simulateBgNbd : simulateMbgNbd
const timings: Record<string, number> = {}
const time = <T>(label: string, run: () => T): T => {
  const start = performance.now()
  const out = run()
  timings[label] = Math.round(performance.now() - start)
  return out
}

// Whole history for the figures; the backtest fits on all but the last 26 weeks of the same store
const store = simulate(truth, { customers, cohortWeeks: HISTORY_WEEKS - HOLDOUT_WEEKS, calibrationWeeks: HISTORY_WEEKS - HOLDOUT_WEEKS, holdoutWeeks: HOLDOUT_WEEKS, seed: 7 })
const calibration = store.calibration.map(toDays)
const spend = simulateGammaGamma({ p: 6.25, q: 3.74, gamma: 15.44 }, calibration.map((s) => s.repeat_orders), 8)
const groups = time("group summaries", () => groupSummaries(calibration))
const fit = time(`fit ${kind}`, () => model.fit(groups))
const spendFit = time("fit Gamma-Gamma", () => fitGammaGamma(spend))
time("predict every customer (365 days, 3-year lifetime)", () =>
  predictCustomers({ orders: fit.params, orders_model: model, spend: spendFit.params }, calibration.map((s, i) => ({ ...s, ...spend[i] })))
)
const result = time("backtest (holdout forecasts, deciles)", () =>
  backtest(fit.params, calibration.map((s, i) => ({ ...s, holdout_repeat_orders: store.holdout_repeat_orders[i] })), HOLDOUT_WEEKS, model)
)
time("cumulative chart (104 weeks)", () =>
  cumulativeRepeatOrders(fit.params, store.first_order_week, countByWeek(store.repeat_order_weeks, HISTORY_WEEKS), { model })
)

console.log(
  JSON.stringify(
    {
      customers,
      groups: fit.groups,
      repeat_customers: spendFit.customers,
      [kind]: { ...fit.params, truth, evaluations: fit.evaluations, converged: fit.converged },
      gamma_gamma: { ...spendFit.params, evaluations: spendFit.evaluations },
      backtest_total: result.total,
      timings_ms: timings,
    },
    null,
    2
  )
)
