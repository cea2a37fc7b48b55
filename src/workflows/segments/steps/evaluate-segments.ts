import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export type EvaluateSegmentsStepInput = {
  contact_ids: string[]
  event_types?: string[]
  fields_changed?: boolean
  customer_groups?: boolean
  all?: boolean
  segment_ids?: string[]
  now?: Date | string
}

export const evaluateSegmentsStepId = "evaluate-segments"

/** The incremental path: these contacts against the segments the change can affect. No compensation: membership is derived state. */
export const evaluateSegmentsStep = createStep(
  evaluateSegmentsStepId,
  async ({ contact_ids, now, ...trigger }: EvaluateSegmentsStepInput, { container }) => {
    const changes = await marketingOf(container).evaluateSegmentsForContacts(contact_ids, trigger, now ? new Date(now) : new Date())
    return new StepResponse({ changes })
  }
)
