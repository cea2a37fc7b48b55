import type { IEventBusModuleService } from "@medusajs/framework/types"
import { Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"

export type MarketingEventMessage = { name: string; data: Record<string, unknown> }

const CHUNK = 1000

/**
 * Hands messages to the event bus in the run's event group, so they are
 * released only when the run succeeds (as `emitEventStep` does). Chunks of
 * 1,000: the Redis event bus stages a group with one `RPUSH key ...messages`,
 * and a few hundred thousand at once overflow its argument limit.
 */
export async function emitInGroup(
  eventBus: IEventBusModuleService,
  messages: MarketingEventMessage[],
  eventGroupId: string | undefined
): Promise<void> {
  const metadata = eventGroupId ? { eventGroupId } : undefined
  for (let i = 0; i < messages.length; i += CHUNK) {
    await eventBus.emit(messages.slice(i, i + CHUNK).map((m) => ({ ...m, metadata })))
  }
}

export const emitMarketingEventsStepId = "emit-marketing-events"

type Emitted = { groupId: string; names: string[] } | null

/**
 * Emits the plugin's messages of a run, of any names, in one step (one step
 * per name cost the tracking route a workflow step each). Compensation
 * clears them from the run's group.
 */
export const emitMarketingEventsStep = createStep(
  emitMarketingEventsStepId,
  async (messages: MarketingEventMessage[], { container, eventGroupId }) => {
    if (!messages.length) return new StepResponse<number, Emitted>(0, null)
    await emitInGroup(container.resolve(Modules.EVENT_BUS), messages, eventGroupId)
    const names = [...new Set(messages.map((m) => m.name))]
    return new StepResponse<number, Emitted>(messages.length, eventGroupId ? { groupId: eventGroupId, names } : null)
  },
  async (emitted, { container }) => {
    if (!emitted) return
    await container.resolve(Modules.EVENT_BUS).clearGroupedEvents(emitted.groupId, { eventNames: emitted.names })
  }
)
