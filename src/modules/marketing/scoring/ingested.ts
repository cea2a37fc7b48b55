/** Glue the module's facade hands its runner to: live scoring at ingestion, and running a recompute. */
import type { SqlRunner } from "../sql-runner"
import { SCORING_LOCK, tryLockScoringShared } from "./backlog"
import { scoreContacts } from "./live"
import { isOrderEvent, recomputeRfm } from "./rfm-sql"
import { applyRuleToHistory, recomputeAll } from "./recompute"
import { type ScoringOutcome, loadActiveRules, loadSettings } from "./store"

/**
 * Live scoring of newly stored events, in the caller's transaction. Skipped
 * entirely while the store has no active rule and the batch has no order.
 */
export async function scoreIngested(
  em: SqlRunner,
  events: { id: string; contact_id: string; type: string; properties: Record<string, unknown>; occurred_at: string }[],
  profileContactIds: string[],
  now: Date
): Promise<ScoringOutcome> {
  const rules = await loadActiveRules(em)
  const hasOrders = events.some(isOrderEvent)
  if (!rules.length && !hasOrders) {
    return { stage_changes: [], crossings: [] }
  }
  if (!(await tryLockScoringShared(em))) {
    // A full recompute is running: never wait for it, park the events.
    if (events.length) {
      await em.execute(
        `INSERT INTO marketing_scoring_backlog (id, event_id, contact_id)
         SELECT 'msbl_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.contact_id
           FROM jsonb_to_recordset(?::jsonb) AS e(id text, contact_id text)
         ON CONFLICT (event_id) WHERE deleted_at IS NULL DO NOTHING`,
        [JSON.stringify(events.map((e) => ({ id: e.id, contact_id: e.contact_id })))]
      )
    }
    return { stage_changes: [], crossings: [] }
  }
  const hasFit = rules.some((r) => r.kind === "fit")
  const contactIds = [...new Set([...events.map((e) => e.contact_id), ...(hasFit ? profileContactIds : [])])]
  const settings = await loadSettings(em)
  return scoreContacts(em, { events, contact_ids: contactIds, now }, settings, rules)
}

/**
 * A full recompute, or one rule applied to history alone (a recompute row
 * with a `rule_id`), in the caller's transaction. `report` writes progress.
 */
export async function runRecompute(
  em: SqlRunner,
  recomputeId: string,
  now: Date,
  report: (progress: number, step: string) => Promise<void>
): Promise<Record<string, number>> {
  const settings = await loadSettings(em)
  const rules = await loadActiveRules(em)
  // Live scoring parks its events from here until this transaction ends.
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [SCORING_LOCK])
  const [{ rule_id: ruleId } = { rule_id: null }] = await em.execute(
    `SELECT rule_id FROM marketing_scoring_recompute WHERE id = ?`,
    [recomputeId]
  )
  if (ruleId) {
    const fitRules = rules.filter((r) => r.kind === "fit")
    return applyRuleToHistory(em, { settings, ruleId, rule: rules.find((r) => r.id === ruleId), fitRules, now }, report)
  }
  await report(0.01, "Recomputing RFM")
  // Stages are placed once, at the end of the rebuild, from the new scores and bands.
  const rfm = await recomputeRfm(em, settings, now, { updateStages: false })
  const stats = await recomputeAll(em, settings, rules, now, report)
  return { ...stats, rfm_customers: rfm.customers }
}
