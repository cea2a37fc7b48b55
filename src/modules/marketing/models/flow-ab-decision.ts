import { model } from "@medusajs/framework/utils"

/**
 * The automatic A/B winner of one send step of one flow version: from then
 * on, contacts reaching the step get `winner`. Kept with the evidence (test,
 * p-value, samples per variant) so the admin can show why.
 */
export const FlowAbDecision = model
  .define({ name: "FlowAbDecision", tableName: "marketing_flow_ab_decision" }, {
    id: model.id({ prefix: "mfab" }).primaryKey(),
    flow_id: model.text(),
    flow_version_id: model.text(),
    step_id: model.text(),
    /** click_rate, conversion_rate or revenue_per_recipient. */
    metric: model.text(),
    winner: model.text(),
    /** "z_test", "chi_square" or "welch_t". */
    test: model.text(),
    p_value: model.float(),
    confidence: model.float(),
    /** Per variant: recipients, successes (or revenue) and the rate. */
    samples: model.json(),
    decided_at: model.dateTime(),
  })
  .indexes([{ on: ["flow_version_id", "step_id"], unique: true, where: "deleted_at IS NULL" }, { on: ["flow_id"] }])
