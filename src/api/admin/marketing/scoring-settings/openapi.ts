import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { ScoringSettingsResponse } from "./responses"
import { AdminUpdateScoringSettings } from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminScoringSettingsRoutes: RouteGroup = {
  tag: "Scoring settings",
  description: "Decay, RFM, stage thresholds and the other settings of lead scoring.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/scoring-settings",
      summary: "Get the scoring settings",
      description: "The store's scoring settings (created with the defaults on first use), and what the stored RFM cut points say.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ScoringSettingsResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/scoring-settings",
      summary: "Update the scoring settings",
      description:
        "Changes the settings given; the others stay. The stage thresholds must increase (lead < marketing qualified < sales ready), " +
        "and `time_zone` must be an IANA name the database knows. Saving recomputes nothing: contacts move under new thresholds as their scores change, or all at once with POST /admin/marketing/scoring/recompute.",
      access: "admin",
      query: null,
      body: AdminUpdateScoringSettings,
      responses: ok(ScoringSettingsResponse, "The settings as saved."),
    },
  ],
}
