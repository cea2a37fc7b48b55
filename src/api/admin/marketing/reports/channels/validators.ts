import { z } from "@medusajs/framework/zod"

const DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/

/** An ISO date or timestamp, or a month (YYYY-MM: its first instant, UTC). */
const instant = () =>
  z
    .string()
    .refine((v) => (MONTH.test(v) || DATE.test(v)) && !Number.isNaN(Date.parse(MONTH.test(v) ? `${v}-01T00:00:00Z` : v)), {
      message: "must be an ISO date (YYYY-MM-DD), timestamp or month (YYYY-MM)",
    })
    .transform((v) => new Date(MONTH.test(v) ? `${v}-01T00:00:00Z` : DATE.test(v) && v.length === 10 ? `${v}T00:00:00Z` : v))

export const AdminChannelsReport = z
  .object({
    from: instant().optional().meta({ description: "Start, inclusive: an ISO date, timestamp or month (YYYY-MM)." }),
    to: instant().optional().meta({ description: "End, exclusive: an ISO date, timestamp or month (YYYY-MM), each meaning its first instant (a bare date leaves that day out)." }),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from < q.to, { message: "must be after from", path: ["to"] })
export type AdminChannelsReportType = z.output<typeof AdminChannelsReport>
