import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { latestFitRun } from "./helpers"

/** The Predictions page: each currency's latest fit and accuracy, its predictions at a glance, and whether a fit runs. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const options = marketing.getPredictionOptions()
  const { fits, stats } = await marketing.predictionsOverview()
  const run = latestFitRun()
  const running = run?.status === "running" || (await marketing.isPredictionFitRunning())
  res.json({
    currencies: fits.map((fit) => {
      const s = stats.find((x) => x.currency_code === fit.currency_code)
      return {
        currency_code: fit.currency_code,
        fit,
        // A currency's predictions belong to its latest fit: below a minimum it has none.
        predictions: s?.predictions ?? 0,
        churn_risk_bands: s?.churn_risk_bands ?? [],
        top_lifetime_values: s?.top_lifetime_values ?? [],
      }
    }),
    minimums: { buyers: options.minBuyers, repeat_buyers: options.minRepeatBuyers, history_days: options.minHistoryDays },
    backtest_weeks: options.backtestWeeks,
    lifetime_years: options.lifetimeYears,
    annual_discount_rate: options.annualDiscountRate,
    running,
    run,
  })
}
