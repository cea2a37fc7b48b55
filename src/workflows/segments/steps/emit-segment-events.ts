import { Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { MembershipChange } from "../../../modules/marketing/segments/engine"
import { MarketingEvents } from "../../tracking/events"

const CHUNK = 1000

/**
 * Emits `marketing.segment_entered` / `marketing.segment_exited`, one
 * message per contact and segment, in chunks so a big rebuild does not
 * build one huge batch.
 */
export const emitSegmentEventsStep = createStep(
  "emit-segment-events",
  async (changes: MembershipChange[], { container }) => {
    const eventBus = container.resolve(Modules.EVENT_BUS)
    for (let i = 0; i < changes.length; i += CHUNK) {
      await eventBus.emit(
        changes.slice(i, i + CHUNK).map((c) => ({
          name: c.kind === "entered" ? MarketingEvents.SEGMENT_ENTERED : MarketingEvents.SEGMENT_EXITED,
          data: { segment_id: c.segment_id, contact_id: c.contact_id, [c.kind === "entered" ? "entered_at" : "exited_at"]: c.at },
        }))
      )
    }
    return new StepResponse(changes.length)
  }
)
