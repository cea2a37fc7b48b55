import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { PredictionFitList, PredictionFitRunResponse, PredictionsOverview } from "./responses"
import { AdminListPredictionFits } from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminPredictionRoutes: RouteGroup = {
  tag: "Predictions",
  description: "Lifetime value, churn risk and next order date per customer (BG/NBD and Gamma-Gamma), fitted per currency, with their accuracy.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/predictions",
      summary: "Get the predictions overview",
      description:
        "Per currency: the latest fit (status, the minimum it misses, counts, parameters, timings and the backtest with its cumulative chart), " +
        "how many customers have predictions, their churn risk bands and the highest lifetime values. Also the minimums in force and whether a fit runs now.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(PredictionsOverview),
    },
    {
      method: "get",
      path: "/admin/marketing/predictions/fits",
      summary: "List past fits",
      description: "Every fit, newest first, without its backtest unless `with_backtest=true`.",
      access: "admin",
      query: AdminListPredictionFits,
      body: null,
      responses: ok(PredictionFitList),
    },
    {
      method: "post",
      path: "/admin/marketing/predictions/fit",
      summary: "Fit the predictions now",
      description:
        "Starts a fit of every currency in the background (the nightly job's work, even when a fit is fresh) and answers at once. " +
        "Poll GET /admin/marketing/predictions until `running` is false; the new fits have `fitted_at` after the run's `started_at`. " +
        "A 409 when a fit already runs, here or on another instance.",
      access: "admin",
      query: null,
      body: null,
      responses: { 202: { description: "The fit started (`status: running`).", schema: PredictionFitRunResponse } },
      errors: [409],
    },
  ],
}
