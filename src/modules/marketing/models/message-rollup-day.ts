import { model } from "@medusajs/framework/utils"

/** A UTC day whose MessageRollup rows were built, and when. */
export const MessageRollupDay = model
  .define({ name: "MessageRollupDay", tableName: "marketing_message_rollup_day" }, {
    id: model.id({ prefix: "mmrd" }).primaryKey(),
    /** Midnight UTC. */
    day: model.dateTime(),
    built_at: model.dateTime(),
  })
  .indexes([{ on: ["day"], unique: true, where: null }])
