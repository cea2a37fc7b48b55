import { z } from "@medusajs/framework/zod"
import { RECENCY_FLOOR_DAYS, canonicalTimeZone, isTimeZone } from "../../../../modules/marketing/scoring/settings"

const threshold = z.number().int().min(0).max(100000)

export const AdminUpdateScoringSettings = z
  .object({
    half_life_days: z.number().positive().max(3650).optional(),
    lead_threshold: threshold.optional(),
    marketing_qualified_threshold: threshold.optional(),
    sales_ready_threshold: threshold.optional(),
    repeat_customer_orders: z.number().int().min(2).max(1000).optional(),
    vip_loyalty_score: z.number().int().min(1).max(100000).optional(),
    inactivity_days: z.number().int().min(1).max(3650).optional(),
    sales_notification_email: z.email().max(320).nullish(),
    sales_notification_feed: z.boolean().optional(),
    recency_floor_days: z.number().int().min(RECENCY_FLOOR_DAYS.min).max(RECENCY_FLOOR_DAYS.max).optional(),
    time_zone: z
      .string()
      .refine(isTimeZone, { message: "Unknown time zone: give an IANA name such as Europe/Berlin or Asia/Tokyo" })
      .transform(canonicalTimeZone)
      .optional(),
  })
  .strict()
export type AdminUpdateScoringSettingsType = z.output<typeof AdminUpdateScoringSettings>
