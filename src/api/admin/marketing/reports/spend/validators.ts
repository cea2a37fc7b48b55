import { z } from "@medusajs/framework/zod"
import { CHANNELS } from "../../../../../modules/marketing/reports/channels"
import { listParams } from "../../../../utils/validators"

/** YYYY-MM with a real month. */
export const monthField = () => z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { message: "must be a month as YYYY-MM" })

const currency = () =>
  z
    .string()
    .regex(/^[A-Za-z]{3}$/, { message: "must be a 3-letter ISO 4217 code" })
    .transform((c) => c.toLowerCase())
const optionalText = (max: number) => z.string().trim().max(max).nullish().transform((v) => (v ? v : null))

const fields = {
  month: monthField(),
  channel: z.enum(CHANNELS),
  amount: z.number().min(0).max(1e12),
  currency_code: currency(),
  utm_source: optionalText(200),
  utm_campaign: optionalText(200),
  note: optionalText(2000),
}

export const AdminCreateChannelSpend = z.object(fields).strict()
export type AdminCreateChannelSpendType = z.output<typeof AdminCreateChannelSpend>

export const AdminUpdateChannelSpend = z.object(fields).partial().strict()
export type AdminUpdateChannelSpendType = z.output<typeof AdminUpdateChannelSpend>

export const AdminListChannelSpend = z
  .object({
    ...listParams({ max: 500, defaultLimit: 100 }),
    from_month: monthField().optional().meta({ description: "The first month (YYYY-MM), inclusive." }),
    to_month: monthField().optional().meta({ description: "The last month (YYYY-MM), inclusive." }),
    channel: z.enum(CHANNELS).optional(),
  })
  .strict()
  .refine((q) => !q.from_month || !q.to_month || q.from_month <= q.to_month, {
    message: "must not be before from_month",
    path: ["to_month"],
  })
export type AdminListChannelSpendType = z.output<typeof AdminListChannelSpend>
