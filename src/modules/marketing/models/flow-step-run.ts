import { model } from "@medusajs/framework/utils"
import { STEP_RUN_OUTCOMES } from "../flows/types"

/**
 * One run of one step for one enrolment: what happened and why. Reports
 * (per flow, step and variant) read these rows. `idempotency_key` is
 * (enrolment, step run), so a retried run never repeats its effect.
 */
export const FlowStepRun = model
  .define({ name: "FlowStepRun", tableName: "marketing_flow_step_run" }, {
    id: model.id({ prefix: "mfsr" }).primaryKey(),
    enrollment_id: model.text(),
    flow_id: model.text(),
    flow_version_id: model.text(),
    contact_id: model.text(),
    step_id: model.text(),
    step_type: model.text(),
    outcome: model.enum([...STEP_RUN_OUTCOMES]),
    reason: model.text().nullable(),
    /** The branch taken: "yes", "no" or a split's key. */
    branch: model.text().nullable(),
    /** The email variant's key, or "holdout". */
    variant: model.text().nullable(),
    message_id: model.text().nullable(),
    idempotency_key: model.text(),
    /** Step-specific results: a discount code, a webhook's status, the owner assigned… */
    data: model.json().nullable(),
    started_at: model.dateTime(),
    finished_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "deleted_at IS NULL" },
    // Not partial: merges and erasure find a contact's runs without a deleted_at filter.
    { on: ["enrollment_id", "started_at"], where: null },
    { on: ["contact_id"], where: null },
    { on: ["flow_id", "step_id", "started_at"] },
  ])
