import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { IngestEventsResult, PreparedEvent } from "../../../modules/marketing/tracking/types"
import { marketingOf } from "../../utils/marketing"

export type RecordEventsStepInput = { events: PreparedEvent[] }

export const recordEventsStepId = "record-marketing-events"

/**
 * Writes events onto their contacts (creating and stitching contacts as
 * needed). Compensation removes the rows this step wrote; stitching is
 * idempotent and is not undone.
 */
export const recordEventsStep = createStep(
  recordEventsStepId,
  async (input: RecordEventsStepInput, { container }) => {
    const marketing = marketingOf(container)
    const result = await marketing.ingestEvents({ events: input.events })
    return new StepResponse<IngestEventsResult, Pick<IngestEventsResult, "event_ids" | "created_contact_ids">>(
      result,
      { event_ids: result.event_ids, created_contact_ids: result.created_contact_ids }
    )
  },
  async (written, { container }) => {
    if (!written) return
    const marketing = marketingOf(container)
    await marketing.revertIngestedEvents(written)
  }
)
