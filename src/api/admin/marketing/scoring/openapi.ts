import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminScoringRoutes: RouteGroup = {
  tag: "Scoring",
  description: "The scoring overview and full recomputes.",
  routes: [],
}
