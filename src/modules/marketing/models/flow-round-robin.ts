import { model } from "@medusajs/framework/utils"

/**
 * How many contacts a round-robin `assign_owner` step has handed out. One
 * atomic increment per assignment, so runners working at once (lanes, other
 * instances) still go round the team in turn.
 */
export const FlowRoundRobin = model
  .define({ name: "FlowRoundRobin", tableName: "marketing_flow_round_robin" }, {
    id: model.id({ prefix: "mfrr" }).primaryKey(),
    flow_id: model.text(),
    step_id: model.text(),
    assigned: model.number().default(0),
  })
  .indexes([{ on: ["flow_id", "step_id"], unique: true }])
