import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type MarketingModuleService from "../../modules/marketing/service"
import { marketingOf } from "./marketing"

type Marketing = MarketingModuleService
type StoredRecord = { id: string } & Record<string, any>

const isPlainObject = (v: unknown) => !!v && typeof v === "object" && !Array.isArray(v) && !(v instanceof Date)

/**
 * Medusa's repositories merge an update's object values into the stored JSON
 * (`mergeObjectProperties`), so a condition tree edited from `{ and }` to
 * `{ or }` would be stored as both. A JSON field given a new object is set
 * to `[]` first (not an object, so not merged; valid in NOT NULL columns
 * too), so the update replaces it.
 */
async function replaceRecord(
  update: (data: StoredRecord) => Promise<StoredRecord>,
  data: StoredRecord
): Promise<StoredRecord> {
  const objects = Object.keys(data).filter((k) => k !== "id" && isPlainObject(data[k]))
  if (objects.length) await update({ id: data.id, ...Object.fromEntries(objects.map((k) => [k, []])) })
  return update(data)
}

/**
 * A step that updates one record of the marketing module by id; JSON fields
 * given are replaced, not merged. Its compensation writes the record's
 * previous values back (timestamps are the database's own, so they are left alone).
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
      const updated = await replaceRecord((data) => record.update(marketing, data), { ...input.update, id: input.id })
      return new StepResponse(updated, previous)
    },
    async (previous, { container }) => {
      if (!previous) return
      const { created_at, updated_at, deleted_at, ...restore } = previous
      const marketing = marketingOf(container)
      await replaceRecord((data) => record.update(marketing, data), restore as StoredRecord)
    }
  )
