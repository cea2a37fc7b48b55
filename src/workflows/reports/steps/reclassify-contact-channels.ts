import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { ChannelRule } from "../../../modules/marketing/reports/channels"
import type MarketingModuleService from "../../../modules/marketing/service"
import { marketingOf } from "../../utils/marketing"

export const reclassifyContactChannelsStepId = "reclassify-contact-channels"

export type ReclassifyContactChannelsInput = { mappings: ChannelRule[]; previous_mappings: ChannelRule[] }

async function reclassify(marketing: MarketingModuleService, mappings: ChannelRule[]): Promise<number> {
  let after: string | null = null
  let updated = 0
  do {
    const batch = await marketing.reclassifyContactChannels(mappings, after)
    updated += batch.updated
    after = batch.last_id
  } while (after)
  return updated
}

/**
 * Classifies every contact's first and last channel again with the new
 * mappings, 1,000 contacts per transaction (one UPDATE each). Skipped when
 * the mappings did not change. Compensation classifies them again with the
 * previous mappings.
 */
export const reclassifyContactChannelsStep = createStep(
  reclassifyContactChannelsStepId,
  async (input: ReclassifyContactChannelsInput, { container }) => {
    if (JSON.stringify(input.mappings) === JSON.stringify(input.previous_mappings)) {
      return new StepResponse({ updated: 0 }, null)
    }
    const updated = await reclassify(marketingOf(container), input.mappings)
    return new StepResponse({ updated }, input.previous_mappings)
  },
  async (previous, { container }) => {
    if (!previous) return
    await reclassify(marketingOf(container), previous)
  }
)
