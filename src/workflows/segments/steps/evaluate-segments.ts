import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type MarketingModuleService from "../../../modules/marketing/service"
import { SCORING_FIELDS, type SegmentDependencies } from "../../../modules/marketing/segments"

// Membership is derived state: each step rewrites it from the definitions
// and the data, so a failed workflow is repaired by running it again, and
// none of these steps has a compensation.

export type BuildSegmentsStepInput = {
  segment_ids: string[] | null
  /** Also rebuild the segments that reference these, after them. */
  with_dependants?: boolean
  announce?: boolean
  now?: Date | string
}

/** Full builds (set-based SQL) of the given segments, or of all. */
export const buildSegmentsStep = createStep("build-segments", async (input: BuildSegmentsStepInput, { container }) => {
  const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
  const now = input.now ? new Date(input.now) : new Date()
  if (input.segment_ids && !input.segment_ids.length) return new StepResponse({ changes: [], built: [] })
  return new StepResponse(
    await marketing.buildSegments(input.segment_ids, now, { announce: input.announce ?? true, withDependants: input.with_dependants })
  )
})

export type EvaluateSegmentsStepInput = {
  contact_ids: string[]
  event_types?: string[]
  fields_changed?: boolean
  customer_groups?: boolean
  all?: boolean
  segment_ids?: string[]
  now?: Date | string
}

/** The incremental path: these contacts against the segments the change can affect. */
export const evaluateSegmentsStep = createStep(
  "evaluate-segments",
  async ({ contact_ids, now, ...trigger }: EvaluateSegmentsStepInput, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
    const changes = await marketing.evaluateSegmentsForContacts(contact_ids, trigger, now ? new Date(now) : new Date())
    return new StepResponse({ changes })
  }
)

/** The time-window pass over every time-dependent segment. */
export const runSegmentTimeWindowsStep = createStep(
  "run-segment-time-windows",
  async (input: { now?: Date | string }, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
    return new StepResponse(await marketing.runSegmentTimeWindows(input.now ? new Date(input.now) : new Date()))
  }
)

/** Segments that read a field scoring writes (and those that reference them), for a rebuild after a recompute. */
export const listScoreDependentSegmentsStep = createStep("list-score-dependent-segments", async (_: void, { container }) => {
  const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
  const segments = await marketing.listSegments({}, { select: ["id", "dependencies"] })
  const ids = segments
    .filter((s) => {
      const d = s.dependencies as SegmentDependencies | null
      return !d || d.population || d.fields.some((f) => (SCORING_FIELDS as readonly string[]).includes(f))
    })
    .map((s) => s.id)
  return new StepResponse(ids)
})
