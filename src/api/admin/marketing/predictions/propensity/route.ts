import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { featureWords, type WeightInWords } from "../../../../../modules/marketing/predictions/lead-features"
import type { PropensityModelRecord } from "../../../../../modules/marketing/predictions/fit-propensity"
import { marketingOf } from "../../../../../workflows/utils/marketing"

const iso = (d: Date | string) => new Date(d).toISOString()

/** The latest purchase propensity fit, weights strongest first. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const [fit] = await marketingOf(req.scope).listPropensityFits({}, { order: { fitted_at: "DESC" }, take: 1 })
  if (!fit) return res.json({ propensity: null })
  const model = fit.model as PropensityModelRecord | null
  const weights: WeightInWords[] = [...(model?.weights ?? [])].sort((a, b) => b.odds_ratio - a.odds_ratio)
  res.json({
    propensity: {
      id: fit.id,
      status: fit.status,
      missing: fit.missing,
      error: fit.error,
      fitted_at: iso(fit.fitted_at),
      auc: fit.auc,
      base_rate: model?.base_rate ?? null,
      training: { from: iso(fit.training_from), leads: fit.training_leads, first_buyers: fit.training_first_buyers },
      evaluation: { from: iso(fit.evaluation_from), leads: fit.evaluation_leads, first_buyers: fit.evaluation_first_buyers },
      scored_leads: fit.scored_leads,
      weights: weights.map(({ feature, words, label, odds_ratio, low, high }) => ({ feature, words, label, odds_ratio, low, high })),
      left_out: (model?.left_out ?? []).map((feature) => ({ feature, words: featureWords(feature) })),
    },
  })
}
