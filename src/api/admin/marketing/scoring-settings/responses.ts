import { z } from "@medusajs/framework/zod"
import { component, nullableTimestamp, timestamp } from "../../../utils/openapi"

const int = () => z.number().int()

/** The store's scoring settings, with what its stored RFM cut points say. */
export const ScoringSettings = component(
  "ScoringSettings",
  z
  .object({
    id: z.string(),
    half_life_days: z.number().meta({ description: "Engagement points lose half their value in this many days." }),
    lead_threshold: int().meta({ description: "The acquisition score at which a subscriber becomes a lead." }),
    marketing_qualified_threshold: int(),
    sales_ready_threshold: int(),
    repeat_customer_orders: int().meta({ description: "Orders from which a customer is a repeat customer." }),
    vip_loyalty_score: int().meta({ description: "The loyalty score from which a customer is a VIP." }),
    inactivity_days: int().meta({ description: "Days without a visit after which an `inactivity` event is recorded." }),
    sales_notification_email: z.string().nullable().meta({ description: "Where to email when a lead becomes sales-ready; null for no email." }),
    sales_notification_feed: z.boolean().meta({ description: "Whether sales-ready leads are announced in the admin's notification feed." }),
    recency_floor_days: int().meta({ description: "No customer who ordered less than this many days ago is banded below recency 3." }),
    time_zone: z.string().meta({ description: "IANA name: daily and weekly caps reset at its midnight." }),
    rfm_computed_at: nullableTimestamp().meta({ description: "When RFM cut points were last computed." }),
    created_at: timestamp(),
    updated_at: timestamp(),
    rfm_cut_points_stored: z.boolean().meta({ description: "Whether quintile cut points are stored (once the store has enough customers)." }),
    order_gap_days: z.number().nullable().meta({ description: "The store's median gap between a customer's consecutive orders; null while too few customers ordered twice." }),
    effective_recency_floor_days: z.number().meta({ description: "The floor recency bands respect: `recency_floor_days`, or the order gap when longer." }),
  })
  .meta({ description: "The store's lead scoring settings." })
)

export const ScoringSettingsResponse = z.object({ scoring_settings: ScoringSettings })
