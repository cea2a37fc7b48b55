import type { MedusaContainer } from "@medusajs/framework/types"
import { formStats } from "../../../../modules/marketing/forms/stats"
import { FORM_STATS_DAYS, type FormDefinition } from "../../../../modules/marketing/forms/types"
import { marketingOf } from "../../../../workflows/utils/marketing"

/** The parts of a form the admin edits, in the order of the reference. */
export const FORM_PARTS = [
  "name", "status", "kind", "position", "fields", "consent", "hidden_fields", "variants", "incentive", "targeting", "triggers", "frequency",
] as const

/** The stored parts of a form, for checking an update against the whole. */
export function formDefinitionOf(row: Record<string, any>): FormDefinition {
  return Object.fromEntries(FORM_PARTS.map((k) => [k, row[k]])) as FormDefinition
}

/** Forms as the admin API answers them: each with its 30-day figures per variant and the A/B verdict. */
export async function presentForms(container: MedusaContainer, rows: Record<string, any>[], now = new Date()) {
  const counts = await marketingOf(container).formVariantCounts(rows.map((r) => r.id), now, FORM_STATS_DAYS)
  return rows.map((row) => {
    const { deleted_at, ...rest } = row
    const variantIds = (row.variants as { id: string }[]).map((v) => v.id)
    return { ...rest, stats: formStats(variantIds, counts.get(row.id) ?? []) }
  })
}

/** A submission as the admin API answers it. */
export function presentSubmission(row: Record<string, any>) {
  const { deleted_at, updated_at, anonymous_id, ...rest } = row
  return rest
}
