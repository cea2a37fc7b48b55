import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { RetentionRunsResponse } from "./responses"

/** The API reference of these routes: see `RouteDoc`. */
export const adminRetentionRoutes: RouteGroup = {
  tag: "Retention",
  description: "The nightly purge of behavioural events past `tracking.retentionDays`.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/retention-runs",
      summary: "List retention runs",
      description:
        "The retention period in force and the latest nightly purges: each run's cut-off, events deleted, batches and status. " +
        "Orders' events, contacts, scores, consent records and suppressions are never purged.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(RetentionRunsResponse),
    },
  ],
}
