/**
 * The scoring settings an admin can change, and what the settings report
 * about RFM (Medusa-free: the model's defaults, the route's validator, the
 * update workflow and the admin all read it).
 */
import { effectiveRecencyFloorDays, type RfmBoundaries } from "./rfm"

export { canonicalTimeZone, isTimeZone } from "./cap-window"

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
  /** No customer who ordered less than this many days ago is banded below recency 3 (see `recencyBand`). */
  recency_floor_days: number
  /** IANA name of the store's time zone: daily and weekly caps reset at its midnight. */
  time_zone: string
}

/** `recency_floor_days`: whole days, default and bounds. */
export const RECENCY_FLOOR_DAYS = { default: 30, min: 1, max: 3650 } as const
/** `time_zone`: Medusa 2 regions carry no time zone, so the store sets its own. */
export const DEFAULT_TIME_ZONE = "UTC"

/** What the settings report about RFM beside the fields. */
export interface RfmStatus {
  /** Whether quintile cut points are stored (from MIN_RFM_CUSTOMERS customers on). */
  rfm_cut_points_stored: boolean
  /** The store's median gap between a customer's consecutive orders; null while too few customers ordered twice. */
  order_gap_days: number | null
  /** The floor recency bands respect: the configured one, or the order gap when longer. */
  effective_recency_floor_days: number
}

export function rfmStatus(settings: { recency_floor_days: number; rfm_boundaries: RfmBoundaries | null }): RfmStatus {
  const gap = settings.rfm_boundaries?.order_gap_days ?? null
  return {
    rfm_cut_points_stored: !!settings.rfm_boundaries,
    order_gap_days: gap,
    effective_recency_floor_days: effectiveRecencyFloorDays(settings.recency_floor_days, gap),
  }
}
