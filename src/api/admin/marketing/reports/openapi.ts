import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminReportRoutes: RouteGroup = {
  tag: "Reports",
  description: "What flows, messages and channels bring: revenue, funnels, spend and their settings.",
  routes: [],
}
