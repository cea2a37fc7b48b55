/**
 * The update_contact step's effects, applied in the same transaction that
 * records its step run: a retried run finds its key taken and changes nothing.
 */
import { loadSettings, retotalContact } from "../scoring/engine"
import { pgArray } from "../pg-array"
import type { SqlRunner } from "../sql-runner"
// The validator's list of settable profile fields is the one applied: a field it accepts is never dropped here.
import { SETTABLE_CONTACT_FIELDS } from "./check-steps"
import { recordStepRun, type StepRunRow } from "./sql"
import type { UpdateContactStep } from "./types"

export async function applyContactUpdate(
  em: SqlRunner,
  input: { run: StepRunRow; step: UpdateContactStep; flow_name: string; now: Date }
): Promise<{ created: boolean; step_run_id: string }> {
  const { run, step, now } = input
  const recorded = await recordStepRun(em, run)
  if (!recorded.created) return { created: false, step_run_id: recorded.id }
  const [contact] = await em.execute(`SELECT id FROM marketing_contact WHERE id = ? AND deleted_at IS NULL FOR UPDATE`, [run.contact_id])
  if (!contact) return { created: true, step_run_id: recorded.id }
  const sets = (step.set ?? []).filter((s) => (SETTABLE_CONTACT_FIELDS as readonly string[]).includes(s.field))
  const add = step.add_tags ?? []
  const remove = step.remove_tags ?? []
  if (sets.length || add.length || remove.length) {
    // Tags: removals first, then additions, without duplicates.
    await em.execute(
      `UPDATE marketing_contact SET ${sets.map((s) => `"${s.field}" = ?`).concat(
        "tags = (SELECT COALESCE(array_agg(DISTINCT t ORDER BY t), '{}') FROM unnest(array_cat(COALESCE(tags, '{}'), ?::text[])) AS t WHERE NOT t = ANY(?::text[]))",
        "updated_at = now()"
      ).join(", ")} WHERE id = ?`,
      [...sets.map((s) => (s.value === null ? null : String(s.value))), pgArray(add), pgArray(remove), run.contact_id]
    )
  }
  if (step.score && step.score.points) {
    const label = step.name ? `"${step.name}"` : run.step_id
    await em.execute(
      `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, reason, occurred_at)
       VALUES ('mscore_' || replace(gen_random_uuid()::text, '-', ''), ?, ?, ?, ?, ?, ?::timestamptz)`,
      [run.contact_id, step.score.score, step.score.score === "acquisition" ? "engagement" : "loyalty_rule", step.score.points,
        `Flow "${input.flow_name}", step ${label}`, now.toISOString()]
    )
    await retotalContact(em, run.contact_id, await loadSettings(em), now)
  }
  return { created: true, step_run_id: recorded.id }
}
