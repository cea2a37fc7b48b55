import type { SegmentNode } from "../../segments/types"
import type { FlowDefinition } from "../types"

/**
 * A ready-made flow: installed as a draft with one call, then edited like any
 * other. Its definition names templates and segments by placeholder
 * (`starter:<starter template key>`, `builtin:<built-in segment key>`); the
 * install resolves them to the store's ids, adding what is missing.
 */
export type FlowRecipe = {
  key: string
  group: "acquisition" | "loyalty"
  name: string
  /** One line: what it does and when it stops. */
  purpose: string
  /** Starter template keys used (STARTER_TEMPLATES). */
  templates: string[]
  /** Built-in segment keys used (builtInSegments). */
  segments?: string[]
  definition: FlowDefinition
}

export const STARTER_PLACEHOLDER = "starter:"
export const BUILTIN_PLACEHOLDER = "builtin:"

export const starter = (key: string) => `${STARTER_PLACEHOLDER}${key}`
export const builtin = (key: string) => `${BUILTIN_PLACEHOLDER}${key}`

export const HOUR = 3600
export const DAY = 24 * HOUR

/** Contacts the flow can write to at all. */
export const HAS_EMAIL: SegmentNode = { field: "email", operator: "exists" }
/**
 * Contacts who may get marketing email now. Flows that make a discount code
 * before their first email check it at entry, so nobody gets a code they
 * will never see.
 */
export const MAY_EMAIL: SegmentNode = { and: [HAS_EMAIL, { field: "email_marketing_consent", operator: "eq", value: "granted" }] }

/** The goal of most recipes: an order (its id, amount and currency are recorded on the enrolment). */
export const ORDER_GOAL = { event: { type: "order_placed" } }
