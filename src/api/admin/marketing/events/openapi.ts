import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminEventRoutes: RouteGroup = {
  tag: "Events",
  description: "Events recorded by the store's own back office or integrations.",
  routes: [],
}
