import type { SqlRunner } from "../sql-runner"
import { mainPrediction, predictionValues, type PredictionField, type PredictionRow } from "./contact-fields"

/**
 * Each contact's prediction fields, for evaluating conditions in TS (live fit
 * rules) and rendering templates: every row of the contacts, the main one
 * picked by `mainPrediction` (the twin of the SQL fields' ORDER BY). A
 * contact without predictions gets every field null.
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
  const byContact = new Map<string, PredictionRow[]>()
  for (const row of rows) {
    const list = byContact.get(row.contact_id)
    if (list) list.push(row)
    else byContact.set(row.contact_id, [row])
  }
  for (const id of ids) out.set(id, predictionValues(mainPrediction(byContact.get(id) ?? [])))
  return out
}
