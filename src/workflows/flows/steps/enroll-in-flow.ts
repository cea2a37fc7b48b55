import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export type EnrollInFlowStepInput = {
  flow_id: string
  contact_id?: string
  segment_id?: string
  /** A segment at a later time: stored as a schedule, enrolled by the runner job then. */
  at?: string
  now?: string
  /** Keys this request's enrollments (a retried request enrolls nobody twice). */
  request_id: string
}

export type EnrollInFlowStepOutput = { enrollment_ids: string[]; schedule_id: string | null }

type Made = { schedule_id?: string; enrollment_ids?: string[] }

export const enrollInFlowStepId = "enroll-in-flow"

/**
 * Manual enrollment: one contact, or a whole segment set-based (one INSERT …
 * SELECT from its memberships), now; or a segment at a later time (a
 * schedule row). Only active flows enroll. Compensation ends the
 * enrollments it made and cancels the schedule.
 */
export const enrollInFlowStep = createStep(
  enrollInFlowStepId,
  async (input: EnrollInFlowStepInput, { container }) => {
    const marketing = marketingOf(container)
    const now = input.now ? new Date(input.now) : new Date()
    const [flow] = await marketing.listFlows({ id: input.flow_id }, { select: ["id", "status"], take: 1 })
    if (!flow) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Flow with id "${input.flow_id}" was not found`)
    if (flow.status !== "active") {
      throw new MedusaError(MedusaError.Types.NOT_ALLOWED, `Flow ${input.flow_id} is ${flow.status}: only an active flow enrolls contacts`)
    }
    if (input.segment_id && input.at && new Date(input.at).getTime() > now.getTime()) {
      const schedule = await marketing.createFlowSchedules({ flow_id: input.flow_id, segment_id: input.segment_id, run_at: new Date(input.at) })
      return new StepResponse<EnrollInFlowStepOutput, Made>(
        { enrollment_ids: [], schedule_id: schedule.id },
        { schedule_id: schedule.id }
      )
    }
    const rows = await marketing.enrollInFlow({
      flow_id: input.flow_id,
      now,
      ...(input.segment_id
        ? { segment: { segment_id: input.segment_id, occurrence: `manual:${input.request_id}` } }
        : { entries: [{ contact_id: input.contact_id!, occurrence: `manual:${input.request_id}`, context: { manual: true } }] }),
    })
    const ids = rows.map((r) => r.id)
    return new StepResponse<EnrollInFlowStepOutput, Made>({ enrollment_ids: ids, schedule_id: null }, { enrollment_ids: ids })
  },
  async (made, { container }) => {
    if (!made) return
    const marketing = marketingOf(container)
    if (made.schedule_id) await marketing.updateFlowSchedules({ id: made.schedule_id, status: "canceled" })
    if (made.enrollment_ids?.length) {
      await marketing.endEnrollments({ ids: made.enrollment_ids, status: "exited", reason: "enrollment rolled back", now: new Date() })
    }
  }
)
