import type { BestTimeFacts } from "../../../modules/marketing/flows/best-time"
import type MarketingModuleService from "../../../modules/marketing/service"

/**
 * For send steps with `send_at: "best_time"`: each visit's facts (the
 * contact's zone and open counts, the store pattern, whether the visit was
 * held for its best time before), by the visit's key. Two queries for all.
 */
export async function bestTimeFacts(
  marketing: MarketingModuleService,
  visits: { enrollment_id: string; contact_id: string; key: string; time_zone: string | null }[],
  zone: (own: string | null) => Promise<string>
): Promise<Map<string, BestTimeFacts>> {
  const out = new Map<string, BestTimeFacts>()
  if (!visits.length) return out
  const facts = await marketing.sendTimeFacts([...new Set(visits.map((v) => v.contact_id))])
  const held = await marketing.keysHeldForBestTime({ enrollment_ids: visits.map((v) => v.enrollment_id), keys: visits.map((v) => v.key) })
  for (const v of visits) {
    out.set(v.key, {
      time_zone: await zone(v.time_zone),
      counts: facts.counts.get(v.contact_id) ?? {},
      shares: facts.shares,
      held_before: held.has(v.key),
    })
  }
  return out
}
