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
    key: "cart_abandonment",
    group: "acquisition",
    name: "Cart abandonment",
    purpose: "Reminds shoppers who left items in their cart, an hour later, unless they order.",
    templates: ["cart_abandonment"],
    definition: {
      trigger: { type: "event", event: { type: "cart_updated", where: { field: "properties.item_count", operator: "gte", value: 1 } } },
      reentry: { policy: "once_per_days", days: 7 },
      goal: { event: { type: "order_placed" } },
      message_pressure: { bypass_frequency_cap: true, when_held: "delay", when_suppressed: "exit" },
      start: "wait_1h",
      steps: {
        wait_1h: { type: "wait", seconds: 3600, next: "reminder" },
        reminder: { type: "send_email", template_id: "starter:cart_abandonment", products: { strategy: "recently_viewed", limit: 3 } },
      },
    },
  },
]
