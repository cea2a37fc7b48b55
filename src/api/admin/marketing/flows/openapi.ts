import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminFlowRoutes: RouteGroup = {
  tag: "Flows",
  description: "Nurturing flows: their graph, versions, life cycle, enrollments, statistics and recipes.",
  routes: [],
}
