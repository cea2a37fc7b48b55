import { z } from "@medusajs/framework/zod"
import { CHANNELS } from "../../../../../modules/marketing/reports/channels"

export const ChannelMappingField = z.enum(["utm_source", "utm_medium", "utm_campaign", "referrer_domain"])

export const AdminUpdateReportSettings = z
  .object({
    click_window_days: z.number().positive().max(365).optional(),
    open_window_days: z.number().positive().max(365).optional(),
    cost_per_email: z.number().min(0).max(1000).optional(),
    currency_code: z
      .string()
      .regex(/^[A-Za-z]{3}$/, { message: "must be a 3-letter ISO 4217 code" })
      .transform((c) => c.toLowerCase())
      .optional(),
    channel_mappings: z
      .array(
        z
          .object({
            field: ChannelMappingField,
            value: z.string().trim().min(1).max(500),
            channel: z.enum(CHANNELS),
          })
          .strict()
      )
      .max(500)
      .optional(),
  })
  .strict()
export type AdminUpdateReportSettingsType = z.output<typeof AdminUpdateReportSettings>
