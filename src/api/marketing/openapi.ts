import type { RouteGroup } from "../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const publicMarketingRoutes: RouteGroup = {
  tag: "Public",
  description: "Routes without credentials: the tracker script, the page-hide beacon, email links and delivery webhooks.",
  routes: [],
}
