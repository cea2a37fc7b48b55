import { model } from "@medusajs/framework/utils"

/**
 * The store-wide pattern of human opens and clicks per hour of the week, in
 * each contact's own time zone (the store's when unknown): the heat map, and
 * the prior every contact's best send time is shrunk towards. Only the
 * latest is kept. Nobody's row.
 */
export const SendTimePattern = model
  .define(
    { name: "SendTimePattern", tableName: "marketing_send_time_pattern" },
    {
      id: model.id({ prefix: "msendp" }).primaryKey(),
      /** 168 counts, Monday 00:00 first. */
      counts: model.json(),
      /** Human opens and clicks counted, and the contacts they came from. */
      engagements: model.number().default(0),
      contacts: model.number().default(0),
      /** k: the store pattern weighs as much as this many of a contact's own opens and clicks. */
      prior_weight: model.float(),
      history_days: model.number(),
      computed_at: model.dateTime(),
    }
  )
  .indexes([{ on: ["computed_at"] }])
