import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { decayedValue } from "../../../../../../modules/marketing/scoring/decay"
import { SCORE_ENTRY_FIELDS } from "../../query-config"
import type { AdminScoreHistoryType } from "../../validators"
import { listPage } from "../../../../../utils/list"

/**
 * "Why is this contact at 85?": the ledger, newest first, each entry with
 * what it is worth today (engagement points decay), and the totals.
 */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminScoreHistoryType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const input = req.validatedQuery
  const contact = await marketing.retrieveContact(req.params.id)
  const settings = await marketing.getScoringSettings()
  const filters = { contact_id: contact.id, ...(input.score ? { score: input.score } : {}) }
  const { data: entries, ...page } = await listPage(
    req.scope,
    { entity: "score_entry", fields: SCORE_ENTRY_FIELDS, filters, order: { occurred_at: "DESC", id: "DESC" } },
    input
  )
  const ruleIds = [...new Set(entries.map((e: any) => e.rule_id).filter(Boolean))]
  const eventIds = [...new Set(entries.map((e: any) => e.event_id).filter(Boolean))]
  const rules = ruleIds.length ? await marketing.listScoringRules({ id: ruleIds }, { withDeleted: true }) : []
  const events = eventIds.length ? await marketing.listEvents({ id: eventIds }, { select: ["id", "type"] }) : []
  const now = new Date()
  res.json({
    entries: entries.map((e: any) => ({
      ...e,
      rule_name: rules.find((r) => r.id === e.rule_id)?.name ?? null,
      event_type: events.find((ev) => ev.id === e.event_id)?.type ?? null,
      current_value:
        e.component === "engagement"
          ? Math.round(decayedValue(e.delta, e.occurred_at, now, Number(settings.half_life_days)) * 100) / 100
          : e.delta,
    })),
    ...page,
    summary: {
      acquisition_score: contact.acquisition_score,
      engagement_score: Math.round(Number(contact.engagement_score) * 100) / 100,
      fit_score: contact.fit_score,
      loyalty_score: contact.loyalty_score,
      loyalty_points: contact.loyalty_points,
      lifecycle_stage: contact.lifecycle_stage,
      scored_at: contact.scored_at,
      rfm: contact.rfm_recency
        ? { recency: contact.rfm_recency, frequency: contact.rfm_frequency, monetary: contact.rfm_monetary, group: contact.rfm_group }
        : null,
    },
  })
}
