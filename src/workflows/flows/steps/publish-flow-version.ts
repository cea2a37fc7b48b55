import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { FlowDefinition } from "../../../modules/marketing/flows"
import { marketingOf } from "../../utils/marketing"

export type PublishFlowVersionStepInput = { flow_id: string; definition: FlowDefinition; now?: Date | string }

type Previous = {
  version_id: string
  flow: { id: string; status: string; active_version_id: string | null; version_count: number; published_at: Date | null }
}

export const publishFlowVersionStepId = "publish-flow-version"

/**
 * Freezes a valid definition as the flow's next version (version_count + 1,
 * under a row lock on the flow, so publishes made at once are numbered one
 * after the other) and makes it the one new enrollments use. A draft becomes
 * active; a paused flow stays paused. Compensation deletes the version and
 * puts the flow's previous values back.
 */
export const publishFlowVersionStep = createStep(
  publishFlowVersionStepId,
  async (input: PublishFlowVersionStepInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const { flow, version } = await marketing.publishFlowVersion({
      flow_id: input.flow_id,
      definition: input.definition as unknown as Record<string, unknown>,
      trigger_type: input.definition.trigger.type,
      now,
    })
    const previous: Previous = {
      version_id: version.id,
      flow: { id: flow.id, status: flow.status, active_version_id: flow.active_version_id, version_count: flow.version_count, published_at: flow.published_at },
    }
    return new StepResponse(version, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const marketing = marketingOf(container)
    await marketing.updateFlows(previous.flow as any)
    await marketing.deleteFlowVersions(previous.version_id)
  }
)
