/**
 * The scoring settings an admin can change (Medusa-free: the update workflow
 * and the admin both read it).
 */
export interface ScoringSettingsFields {
  half_life_days: number
  lead_threshold: number
  marketing_qualified_threshold: number
  sales_ready_threshold: number
  repeat_customer_orders: number
  vip_loyalty_score: number
  inactivity_days: number
  sales_notification_email: string | null
  sales_notification_feed: boolean
}
