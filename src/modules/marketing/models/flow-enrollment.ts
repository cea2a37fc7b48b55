import { model } from "@medusajs/framework/utils"
import { ENROLLMENT_STATUSES } from "../flows/types"

/**
 * One contact's way through one flow version. The runner claims active
 * enrolments whose `next_run_at` is due (FOR UPDATE SKIP LOCKED, lease in
 * `locked_until`). `enrollment_key` makes enrolment idempotent per
 * (flow version, contact, trigger occurrence).
 */
export const FlowEnrollment = model
  .define({ name: "FlowEnrollment", tableName: "marketing_flow_enrollment" }, {
    id: model.id({ prefix: "mfen" }).primaryKey(),
    flow_id: model.text(),
    flow_version_id: model.text(),
    contact_id: model.text(),
    status: model.enum([...ENROLLMENT_STATUSES]).default("active"),
    enrollment_key: model.text(),
    /** The step to run next (null once the enrolment ended). */
    current_step_id: model.text().nullable(),
    next_run_at: model.dateTime().nullable(),
    locked_until: model.dateTime().nullable(),
    /** Step-run attempts on the current step (reset when it moves on). */
    attempts: model.number().default(0),
    /** Moves so far: (enrollment, step, step_count) keys one visit of a step, the same on every retry. */
    step_count: model.number().default(0),
    /** wait_for_event: the deadline, set on arrival at the step (null elsewhere). */
    wait_until: model.dateTime().nullable(),
    /** wait_for_event: the event that arrived while waiting (the yes branch). */
    awaited_event_id: model.text().nullable(),
    /** What the trigger carried (an EnrollmentContext: cart_id, order_id, event_id, discount…). */
    context: model.json().nullable(),
    entered_at: model.dateTime(),
    ended_at: model.dateTime().nullable(),
    /** Why it ended: goal, exit step, exit condition, archived, suppressed, end of graph… */
    end_reason: model.text().nullable(),
    converted_at: model.dateTime().nullable(),
    conversion_order_id: model.text().nullable(),
    // Money: numeric, exact (a real keeps 24 bits, so amounts from 131,072 up lost cents: 150000.37 read 150000.38).
    conversion_amount: model.bigNumber().nullable(),
    conversion_currency_code: model.text().nullable(),
  })
  .indexes([
    { on: ["enrollment_key"], unique: true, where: "deleted_at IS NULL" },
    // One active enrolment per contact and flow.
    { on: ["flow_id", "contact_id"], unique: true, where: "status = 'active' AND deleted_at IS NULL" },
    { on: ["next_run_at"], where: "status = 'active' AND next_run_at IS NOT NULL AND deleted_at IS NULL" },
    // Not partial: merges and erasure find a contact's enrolments without a deleted_at filter.
    { on: ["contact_id", "flow_id"], where: null },
    { on: ["flow_id", "status", "entered_at"] },
  ])
