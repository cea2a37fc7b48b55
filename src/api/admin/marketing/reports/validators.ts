import { z } from "@medusajs/framework/zod"
import { checkPeriod, periodFields } from "./period"

/** `?from=&to=` of every report. */
export const AdminReportPeriod = z.object(periodFields).strict().superRefine(checkPeriod)
export type AdminReportPeriodType = z.output<typeof AdminReportPeriod>

/** `?from=&to=&currency_code=` of the revenue series. */
export const AdminRevenueReport = z
  .object({ ...periodFields, currency_code: z
      .string()
      .trim()
      .regex(/^[A-Za-z]{3}$/, "must be a 3-letter currency code")
      .optional()
      .meta({ description: "The currency of the series (any case); default the first currency with revenue in the period, else the settings' currency." }),
  })
  .strict()
  .superRefine(checkPeriod)
export type AdminRevenueReportType = z.output<typeof AdminRevenueReport>
