import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminMessageRoutes: RouteGroup = {
  tag: "Messages",
  description: "Emails sent to contacts, and their delivery and engagement.",
  routes: [],
}
