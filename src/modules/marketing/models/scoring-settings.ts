import { model } from "@medusajs/framework/utils"
import { DEFAULT_TIME_ZONE, RECENCY_FLOOR_DAYS } from "../scoring/settings"

/** The store's scoring settings: one row. */
export const ScoringSettings = model.define(
  { name: "ScoringSettings", tableName: "marketing_scoring_settings" },
  {
    id: model.id({ prefix: "mssets" }).primaryKey(),
    half_life_days: model.float().default(30),
    lead_threshold: model.number().default(20),
    marketing_qualified_threshold: model.number().default(50),
    sales_ready_threshold: model.number().default(80),
    repeat_customer_orders: model.number().default(2),
    vip_loyalty_score: model.number().default(85),
    inactivity_days: model.number().default(30),
    sales_notification_email: model.text().nullable(),
    sales_notification_feed: model.boolean().default(true),
    recency_floor_days: model.number().default(RECENCY_FLOOR_DAYS.default),
    time_zone: model.text().default(DEFAULT_TIME_ZONE),
    /**
     * Quintile cut points of recency (last order, epoch seconds), frequency and
     * monetary value, with the store's order gap (`order_gap_days`): stored by
     * live scoring when the store reaches MIN_RFM_CUSTOMERS customers, then by each full RFM run.
     */
    rfm_boundaries: model.json().nullable(),
    rfm_computed_at: model.dateTime().nullable(),
  }
)
