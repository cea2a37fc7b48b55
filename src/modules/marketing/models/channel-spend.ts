import { model } from "@medusajs/framework/utils"

/**
 * What the store spent on one acquisition channel (optionally one UTM source
 * or campaign of it) in one month, for cost of acquisition per channel.
 */
export const ChannelSpend = model
  .define({ name: "ChannelSpend", tableName: "marketing_channel_spend" }, {
    id: model.id({ prefix: "mcsp" }).primaryKey(),
    /** YYYY-MM. */
    month: model.text(),
    channel: model.text(),
    utm_source: model.text().nullable(),
    utm_campaign: model.text().nullable(),
    amount: model.bigNumber(),
    currency_code: model.text(),
    note: model.text().nullable(),
  })
  .indexes([{ on: ["month", "channel"] }])
