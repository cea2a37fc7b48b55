import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type MarketingModuleService from "../../modules/marketing/service"
import { marketingOf } from "./marketing"

type Marketing = MarketingModuleService
type StoredRecord = { id: string } & Record<string, any>

/**
 * A step that updates one record of the marketing module by id. Its
 * compensation writes the record's previous values back (timestamps are the
 * database's own, so they are left alone).
 */
export const updateRecordStep = <TUpdate extends object>(
  stepId: string,
  record: {
    retrieve: (marketing: Marketing, id: string) => Promise<StoredRecord>
    update: (marketing: Marketing, data: StoredRecord) => Promise<StoredRecord>
  }
) =>
  createStep(
    stepId,
    async (input: { id: string; update: TUpdate }, { container }) => {
      const marketing = marketingOf(container)
      const previous = await record.retrieve(marketing, input.id)
      const updated = await record.update(marketing, { ...input.update, id: input.id })
      return new StepResponse(updated, previous)
    },
    async (previous, { container }) => {
      if (!previous) return
      const { created_at, updated_at, deleted_at, ...restore } = previous
      await record.update(marketingOf(container), restore as StoredRecord)
    }
  )
