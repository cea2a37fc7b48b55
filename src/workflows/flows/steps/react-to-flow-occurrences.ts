import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { Occurrence } from "../../../modules/marketing/flows/reactions"
import type { FlowReaction } from "../../../modules/marketing/flows/triggers"
import { marketingOf } from "../../utils/marketing"

export type ReactToFlowOccurrencesInput = {
  contact_id: string
  /** Recorded event types (`marketing.events_recorded`): the events are loaded from the store. */
  event_types?: string[]
  /** Segment entries and exits, score crossings, stage changes. */
  occurrences?: Occurrence[]
  now?: string
}

export const reactToFlowOccurrencesStepId = "react-to-flow-occurrences"

/**
 * Converts enrollments whose goal happened, exits those whose exit
 * condition did, wakes wait_for_event steps whose event arrived, and enrolls
 * the contact in active flows the occurrence triggers (idempotent per
 * occurrence). Compensation is not needed: a retry is a no-op by key and status.
 */
export const reactToFlowOccurrencesStep = createStep(
  reactToFlowOccurrencesStepId,
  async (input: ReactToFlowOccurrencesInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const result: FlowReaction = { enrolled: [], woken: [], converted: [], exited: [] }
    const add = (r: FlowReaction) => {
      for (const key of Object.keys(result) as (keyof FlowReaction)[]) result[key].push(...r[key])
    }
    if (input.event_types?.length) add(await marketing.reactToRecordedEvents({ contact_id: input.contact_id, types: input.event_types, now }))
    if (input.occurrences?.length) add(await marketing.reactToFlowOccurrences({ contact_id: input.contact_id, occurrences: input.occurrences, now }))
    return new StepResponse(result)
  }
)
