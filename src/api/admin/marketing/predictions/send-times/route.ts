import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { heatMapDays, hourOfWeekLabel } from "../../../../../modules/marketing/predictions/send-time"
import { marketingOf } from "../../../../../workflows/utils/marketing"

/** The store's latest send-time pattern as a 7 × 24 heat map. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const [pattern] = await marketingOf(req.scope).listSendTimePatterns({}, { order: { computed_at: "DESC" }, take: 1 })
  if (!pattern) return res.json({ send_times: null })
  const counts = (pattern.counts as unknown as number[]).map(Number)
  const max = Math.max(...counts)
  const best = max > 0 ? counts.indexOf(max) : null
  res.json({
    send_times: {
      computed_at: new Date(pattern.computed_at).toISOString(),
      engagements: pattern.engagements,
      contacts: pattern.contacts,
      prior_weight: pattern.prior_weight,
      history_days: pattern.history_days,
      best_hour: best,
      best_hour_label: best === null ? null : hourOfWeekLabel(best),
      days: heatMapDays(counts),
    },
  })
}
