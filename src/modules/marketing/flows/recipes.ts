import type { FlowDefinition } from "./types"

/**
 * A ready-made flow: its starter templates and built-in segments are
 * installed with it. In `definition`, template ids are `starter:<key>` and
 * segment ids `builtin:<key>`; installing replaces them with real ids.
 */
export type FlowRecipe = {
  key: string
  group: "acquisition" | "loyalty"
  name: string
  purpose: string
  /** Starter template keys. */
  templates: string[]
  /** Built-in segment keys. */
  segments?: string[]
  definition: FlowDefinition
}

export const FLOW_RECIPES: FlowRecipe[] = [
  {
    key: "welcome_new_leads",
    group: "acquisition",
    name: "Welcome new leads",
    purpose: "Welcomes each new lead with an introduction to the store, until their first order.",
    templates: ["welcome"],
    segments: ["new-leads-this-week"],
    definition: {
      trigger: { type: "segment_entered", segment_id: "builtin:new-leads-this-week" },
      reentry: { policy: "once" },
      goal: { event: { type: "order_placed" } },
      start: "welcome",
      steps: {
        welcome: { type: "send_email", name: "Welcome", template_id: "starter:welcome" },
      },
    },
  },
]
