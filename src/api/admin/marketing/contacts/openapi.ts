import type { RouteGroup } from "../../../utils/openapi"

/** The API reference of these routes: see `RouteDoc`. */
export const adminContactRoutes: RouteGroup = {
  tag: "Contacts",
  description: "One contact per person: profile, consent, scores, stages, segments, events and privacy requests.",
  routes: [],
}
