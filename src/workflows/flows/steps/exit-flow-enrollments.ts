import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export type ExitFlowEnrollmentsStepInput = { flow_id: string; reason: string; now?: Date | string }

type Previous = { id: string; contact_id: string; current_step_id: string | null; next_run_at: Date | null }

export const exitFlowEnrollmentsStepId = "exit-flow-enrollments"

/**
 * Ends every active enrollment of a flow: status exited with the reason,
 * ended now, no step and no run time left; returns which (id and contact),
 * for the workflow's events. Compensation makes them active
 * again where they were.
 */
export const exitFlowEnrollmentsStep = createStep(
  exitFlowEnrollmentsStepId,
  async (input: ExitFlowEnrollmentsStepInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const active = (await marketing.listFlowEnrollments(
      { flow_id: input.flow_id, status: "active" },
      { select: ["id", "contact_id", "current_step_id", "next_run_at"] }
    )) as Previous[]
    if (!active.length) return new StepResponse({ exited: 0, ended: [] as { id: string; contact_id: string }[] }, [] as Previous[])
    await marketing.updateFlowEnrollments({
      selector: { id: active.map((e) => e.id), status: "active" },
      data: { status: "exited", end_reason: input.reason, ended_at: now, current_step_id: null, next_run_at: null },
    })
    return new StepResponse({ exited: active.length, ended: active.map((e) => ({ id: e.id, contact_id: e.contact_id })) }, active)
  },
  async (previous, { container }) => {
    if (!previous?.length) return
    await marketingOf(container).updateFlowEnrollments(
      previous.map(({ contact_id: _, ...e }) => ({ ...e, status: "active" as const, end_reason: null, ended_at: null }))
    )
  }
)
