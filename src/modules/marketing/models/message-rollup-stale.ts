import { model } from "@medusajs/framework/utils"

/**
 * A UTC day with a message inserted, changed or deleted since its rollup was
 * built. Written by a trigger on marketing_message in the same transaction as
 * the change, so no change can be missed; the builder removes the mark in the
 * transaction that rebuilds the day.
 */
export const MessageRollupStale = model
  .define({ name: "MessageRollupStale", tableName: "marketing_message_rollup_stale" }, {
    id: model.id({ prefix: "mmrs" }).primaryKey(),
    /** Midnight UTC. */
    day: model.dateTime(),
  })
  .indexes([{ on: ["day"], unique: true, where: null }])
