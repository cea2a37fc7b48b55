import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminSegmentRoutes: RouteGroup = {
  tag: "Segments",
  description: "Real-time segments of contacts, built from condition trees.",
  routes: [],
}
