import type { SqlRunner } from "../sql-runner"
import { mainPrediction, predictionValues, type PredictionField, type PredictionRow, type PropensityRow } from "./contact-fields"

/**
 * Each contact's prediction fields, for evaluating conditions in TS (live fit
 * rules) and rendering templates: every row of the contacts, the main one
 * picked by `mainPrediction` (the twin of the SQL fields' ORDER BY), and
 * the lead's propensity row. A field with no row behind it is null.
 */
export async function loadPredictionValues(
  em: SqlRunner,
  contactIds: readonly string[]
): Promise<Map<string, Record<PredictionField, unknown>>> {
  const ids = [...new Set(contactIds)]
  const out = new Map<string, Record<PredictionField, unknown>>()
  if (!ids.length) return out
  const rows: PredictionRow[] = await em.execute(
    `SELECT * FROM marketing_contact_prediction WHERE contact_id IN (SELECT jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(ids)]
  )
  const propensities: (PropensityRow & { contact_id: string })[] = await em.execute(
    `SELECT contact_id, probability, percentile FROM marketing_contact_propensity WHERE contact_id IN (SELECT jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(ids)]
  )
  const propensityOf = new Map(propensities.map((p) => [p.contact_id, p]))
  const byContact = new Map<string, PredictionRow[]>()
  for (const row of rows) {
    const list = byContact.get(row.contact_id)
    if (list) list.push(row)
    else byContact.set(row.contact_id, [row])
  }
  for (const id of ids) out.set(id, predictionValues(mainPrediction(byContact.get(id) ?? []), propensityOf.get(id) ?? null))
  return out
}
