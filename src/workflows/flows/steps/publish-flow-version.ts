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
 * Freezes a valid definition as the flow's next version (version_count + 1;
 * the unique (flow_id, version) index refuses a concurrent publish of the
 * same number) and makes it the one new enrollments use. A draft becomes
 * active; a paused flow stays paused. Compensation deletes the version and
 * puts the flow's previous values back.
 */
export const publishFlowVersionStep = createStep(
  publishFlowVersionStepId,
  async (input: PublishFlowVersionStepInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const flow = await marketing.retrieveFlow(input.flow_id)
    const version = await marketing.createFlowVersions({
      flow_id: flow.id,
      version: flow.version_count + 1,
      definition: input.definition as unknown as Record<string, unknown>,
      trigger_type: input.definition.trigger.type,
      published_at: now,
    })
    const previous: Previous = {
      version_id: version.id,
      flow: { id: flow.id, status: flow.status, active_version_id: flow.active_version_id, version_count: flow.version_count, published_at: flow.published_at },
    }
    await marketing.updateFlows({
      id: flow.id,
      status: flow.status === "paused" ? "paused" : "active",
      active_version_id: version.id,
      version_count: version.version,
      published_at: now,
    })
    return new StepResponse(version, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const marketing = marketingOf(container)
    await marketing.updateFlows(previous.flow as any)
    await marketing.deleteFlowVersions(previous.version_id)
  }
)
