import { Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { MembershipChange } from "../../../modules/marketing/segments/engine"
import { MarketingEvents } from "../../tracking/events"
import { emitInGroup } from "../../tracking/steps/emit-marketing-events"

const NAMES = [MarketingEvents.SEGMENT_ENTERED, MarketingEvents.SEGMENT_EXITED]

export const emitSegmentEventsStepId = "emit-segment-events"

/**
 * Emits `marketing.segment_entered` / `marketing.segment_exited`, one
 * message per contact and segment, held with the workflow run and released
 * only when it succeeds, as `emitEventStep` does: each message carries the
 * run's `eventGroupId`, and compensation clears them.
 *
 * Why not `emitEventStep` itself: it hands every message to one `emit`, and a
 * full build announcing a few hundred thousand changes overflows the Redis
 * event bus's argument limit; `emitInGroup` sends chunks to the same group.
 */
export const emitSegmentEventsStep = createStep(
  emitSegmentEventsStepId,
  async (changes: MembershipChange[], { container, eventGroupId }) => {
    if (!changes.length) return new StepResponse(0, undefined as string | undefined)
    await emitInGroup(
      container.resolve(Modules.EVENT_BUS),
      changes.map((c) => ({
        name: c.kind === "entered" ? MarketingEvents.SEGMENT_ENTERED : MarketingEvents.SEGMENT_EXITED,
        data: { segment_id: c.segment_id, contact_id: c.contact_id, [c.kind === "entered" ? "entered_at" : "exited_at"]: c.at },
      })),
      eventGroupId
    )
    return new StepResponse(changes.length, eventGroupId as string | undefined)
  },
  async (groupId, { container }) => {
    if (!groupId) return
    await container.resolve(Modules.EVENT_BUS).clearGroupedEvents(groupId, { eventNames: NAMES })
  }
)
