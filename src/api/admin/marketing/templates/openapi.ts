import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminTemplateRoutes: RouteGroup = {
  tag: "Templates",
  description: "Email templates: content, previews, test sends and starters.",
  routes: [],
}
