import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { PropensityFitResponse, SendTimesResponse } from "./lead-responses"

/** The API reference of these routes: see `RouteDoc`. */
export const adminLeadPredictionRoutes: RouteGroup = {
  tag: "Lead predictions",
  description: "Purchase propensity of leads and the store's best send times, fitted nightly.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/predictions/propensity",
      summary: "Get the latest purchase propensity fit",
      description:
        "The logistic regression of a first order within 30 days on leads' behaviour and profile: trained on the leads of 60 days ago, " +
        "its AUC measured on the leads of 30 days ago (a period it never saw), then refitted on them to score today's leads. " +
        "Each weight as an odds ratio with its 95% interval and in words; below a minimum, `missing` says which.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(PropensityFitResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/predictions/send-times",
      summary: "Get the store's send-time heat map",
      description:
        "Human opens and clicks (proxy prefetches and link scanners left out) of the last year per hour of the week, in each contact's time zone, " +
        "as 7 rows of 24 hours: the pattern each contact's best send time is shrunk towards.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(SendTimesResponse),
    },
  ],
}
