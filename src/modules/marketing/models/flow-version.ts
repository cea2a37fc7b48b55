import { model } from "@medusajs/framework/utils"

/** An immutable published definition of a flow. */
export const FlowVersion = model
  .define({ name: "FlowVersion", tableName: "marketing_flow_version" }, {
    id: model.id({ prefix: "mflv" }).primaryKey(),
    flow_id: model.text(),
    version: model.number(),
    definition: model.json(),
    /** The trigger's type, copied out of the definition so triggers find their flows by index. */
    trigger_type: model.text(),
    published_at: model.dateTime(),
  })
  .indexes([
    { on: ["flow_id", "version"], unique: true },
    { on: ["trigger_type"] },
  ])
