import { model } from "@medusajs/framework/utils"

/** The store's attribution and cost settings: one row. */
export const ReportSettings = model.define({ name: "ReportSettings", tableName: "marketing_report_settings" }, {
  id: model.id({ prefix: "mrsets" }).primaryKey(),
  /** An order is credited to the last message clicked within this many days… */
  click_window_days: model.float().default(5),
  /** …else to the last one opened within this many days. */
  open_window_days: model.float().default(1),
  /** What one sent email costs (the provider's price), in `currency_code`. */
  cost_per_email: model.float().default(0),
  /** The currency of email and fixed flow costs. */
  currency_code: model.text().default("usd"),
  /** The owner's own channel rules, checked before the built-in ones: [{ field, value, channel }]. */
  channel_mappings: model.json().nullable(),
})
