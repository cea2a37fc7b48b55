import { z } from "@medusajs/framework/zod"
import { listParams } from "../../../utils/validators"

export const AdminListPredictionFits = z
  .object({
    ...listParams({ max: 100, defaultLimit: 20 }),
    currency_code: z
      .string()
      .trim()
      .regex(/^[a-zA-Z]{3}$/, "must be a three-letter currency code")
      .toLowerCase()
      .optional()
      .meta({ description: "Only this currency's fits (ISO 4217, any case)." }),
    with_backtest: z
      .enum(["true", "false"])
      .transform((v) => v === "true")
      .optional()
      .meta({ description: "`true` includes each fit's backtest (its cumulative chart has a point per week)." }),
  })
  .strict()

export type AdminListPredictionFitsType = z.output<typeof AdminListPredictionFits>
