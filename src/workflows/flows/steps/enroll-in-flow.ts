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

/**
 * `enrolled` counts the enrollments made; `enrollment_ids` lists them for one
 * contact. A segment can be a million contacts: its ids are not carried,
 * only `first_ids`, the batch the workflow runs at once (the runner takes
 * the rest as due).
 */
export type EnrollInFlowStepOutput = { enrolled: number; enrollment_ids?: string[]; first_ids: string[]; schedule_id: string | null }

type Made = { schedule_id?: string; enrollment_ids?: string[]; segment?: { flow_id: string; segment_id: string; entered_at: string } }

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
    const occurrence = `manual:${input.request_id}`
    if (input.segment_id && input.at && new Date(input.at).getTime() > now.getTime()) {
      const schedule = await marketing.createFlowSchedules({ flow_id: input.flow_id, segment_id: input.segment_id, run_at: new Date(input.at) })
      return new StepResponse<EnrollInFlowStepOutput, Made>(
        { enrolled: 0, first_ids: [], schedule_id: schedule.id },
        { schedule_id: schedule.id }
      )
    }
    if (input.segment_id) {
      const made = await marketing.enrollSegmentInFlow({
        flow_id: input.flow_id, now, segment_id: input.segment_id, occurrence, first: marketing.getOptions().flows.batchSize,
      })
      return new StepResponse<EnrollInFlowStepOutput, Made>(
        { enrolled: made.enrolled, first_ids: made.first_ids, schedule_id: null },
        { segment: { flow_id: input.flow_id, segment_id: input.segment_id, entered_at: now.toISOString() } }
      )
    }
    const rows = await marketing.enrollInFlow({
      flow_id: input.flow_id, now, entries: [{ contact_id: input.contact_id!, occurrence, context: { manual: true } }],
    })
    const ids = rows.map((r) => r.id)
    return new StepResponse<EnrollInFlowStepOutput, Made>(
      { enrolled: ids.length, enrollment_ids: ids, first_ids: ids, schedule_id: null },
      { enrollment_ids: ids }
    )
  },
  async (made, { container }) => {
    if (!made) return
    const marketing = marketingOf(container)
    const reason = "enrollment rolled back"
    if (made.schedule_id) await marketing.updateFlowSchedules({ id: made.schedule_id, status: "canceled" })
    if (made.enrollment_ids?.length) await marketing.endEnrollments({ ids: made.enrollment_ids, status: "exited", reason, now: new Date() })
    if (made.segment) await marketing.endSegmentEnrollment({ ...made.segment, entered_at: new Date(made.segment.entered_at), reason, now: new Date() })
  }
)
