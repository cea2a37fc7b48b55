import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminScoringSettingsRoutes: RouteGroup = {
  tag: "Scoring settings",
  description: "Decay, RFM, stage thresholds and the other settings of lead scoring.",
  routes: [],
}
