import { model } from "@medusajs/framework/utils"

/**
 * A contact's best send time: the hour of the week (0 = Monday 00:00, in
 * their time zone) with the most human opens and clicks, shrunk towards the
 * store pattern, and the counts it came from. Only contacts with opens or
 * clicks have a row; the others follow the store pattern.
 */
export const ContactSendTime = model
  .define(
    { name: "ContactSendTime", tableName: "marketing_contact_send_time" },
    {
      id: model.id({ prefix: "msend" }).primaryKey(),
      contact_id: model.text(),
      best_hour: model.number(),
      engagements: model.number(),
      /** Human opens and clicks per hour of the week, only the hours with any: `{ "34": 5 }`. */
      hours: model.json(),
      computed_at: model.dateTime(),
    }
  )
  .indexes([
    // Not partial: erasure and merges find a contact's row without a deleted_at filter.
    { on: ["contact_id"], unique: true, where: null },
  ])
