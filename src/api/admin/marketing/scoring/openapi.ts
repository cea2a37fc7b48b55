import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { ScoringOverview, ScoringRecomputeResponse } from "./responses"

/** The API reference of these routes: see `RouteDoc`. */
export const adminScoringRoutes: RouteGroup = {
  tag: "Scoring",
  description: "The scoring overview and full recomputes.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/scoring/overview",
      summary: "Get the scoring overview",
      description: "Score distributions, and live contacts per lifecycle stage and RFM group, for the Scoring page's charts.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ScoringOverview),
    },
    {
      method: "post",
      path: "/admin/marketing/scoring/recompute",
      summary: "Recompute every score",
      description:
        "Starts a background rebuild of every contact's scores from the stored events, then of the segments that read scores, stages or RFM groups. " +
        "Events that arrive meanwhile are scored when it ends. Poll GET /admin/marketing/scoring/recomputes/{id} until `status` is `done` or `failed`.",
      access: "admin",
      query: null,
      body: null,
      responses: { 202: { description: "The recompute is queued (`status: running`).", schema: ScoringRecomputeResponse } },
    },
    {
      method: "get",
      path: "/admin/marketing/scoring/recomputes/:id",
      summary: "Get a recompute",
      description: "A recompute's status and progress: a full one, or a rule change applied to history.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ScoringRecomputeResponse),
    },
  ],
}
