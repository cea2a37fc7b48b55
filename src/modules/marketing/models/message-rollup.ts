import { model } from "@medusajs/framework/utils"

/**
 * One UTC day's marketing and flow messages counted per kind, flow, step and
 * variant, as the reports count them (reports/rollup.ts). A cache of the
 * message rows, never a counter: a day's rows are rebuilt from the messages
 * as a whole, and the reports read a day from here only while it is built and
 * no message of it changed since (MessageRollupDay, MessageRollupStale).
 */
export const MessageRollup = model
  .define({ name: "MessageRollup", tableName: "marketing_message_rollup" }, {
    id: model.id({ prefix: "mmrl" }).primaryKey(),
    /** Midnight UTC of the day the messages were queued. */
    day: model.dateTime(),
    kind: model.text(),
    flow_id: model.text().nullable(),
    step_id: model.text().nullable(),
    variant: model.text().nullable(),
    recipients: model.number().default(0),
    handed: model.number().default(0),
    delivered: model.number().default(0),
    opens: model.number().default(0),
    clicks: model.number().default(0),
    machine_opens: model.number().default(0),
    machine_clicks: model.number().default(0),
    hard_bounces: model.number().default(0),
    soft_bounces: model.number().default(0),
    complaints: model.number().default(0),
    unsubscribes: model.number().default(0),
  })
  .indexes([{ on: ["day", "flow_id"], where: null }])
