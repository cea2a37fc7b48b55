import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminScoringRuleRoutes: RouteGroup = {
  tag: "Scoring rules",
  description: "The rules that give or take points for what contacts do.",
  routes: [],
}
