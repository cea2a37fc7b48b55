import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"
import type { ScoringSettingsFields } from "../../../modules/marketing/scoring/settings"

export type ScoringSettingsUpdate = Partial<ScoringSettingsFields>

export const updateScoringSettingsStepId = "update-scoring-settings"

/** Saves the scoring settings; compensation puts the previous ones back. */
export const updateScoringSettingsStep = createStep(
  updateScoringSettingsStepId,
  async (update: ScoringSettingsUpdate, { container }) => {
    const marketing = marketingOf(container)
    const previous = await marketing.getScoringSettings()
    const next = { ...previous, ...update }
    if (!(next.lead_threshold < next.marketing_qualified_threshold && next.marketing_qualified_threshold < next.sales_ready_threshold)) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        "Invalid request: lead_threshold: thresholds must increase: lead < marketing_qualified < sales_ready"
      )
    }
    if (update.time_zone && !(await marketing.isKnownTimeZone(update.time_zone))) {
      throw new MedusaError(
        MedusaError.Types.INVALID_DATA,
        `Invalid request: time_zone: the database does not know "${update.time_zone}"`
      )
    }
    await marketing.updateScoringSettings({ id: previous.id, ...update })
    return new StepResponse(await marketing.getScoringSettings(), previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const { rfm_boundaries, rfm_computed_at, created_at, updated_at, deleted_at, ...restore } = previous as any
    await marketingOf(container).updateScoringSettings(restore)
  }
)
