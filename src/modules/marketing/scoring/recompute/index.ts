import type { SqlRunner } from "../../sql-runner"
import { SCORING_LOCK } from "../backlog"
import { setBulkSession } from "../bulk"
import { ruleTable } from "../compile"
import { pausePoint } from "../pause-points"
import { settledBefore } from "../../retention/purge"
import type { RuleRow, ScoringSettingsRow } from "../store"
import { compareLedger } from "./compare-ledger"
import { writeContacts } from "./contacts"
import { stageMatches } from "./matching"
import { settledParam } from "./settled"
import { computeTotals } from "./totals"
import { applyLedgerChanges, refillLedger } from "./write-ledger"

export { BULK_CONTACT_WRITES } from "./contacts"
export { LEDGER_REBUILD_SHARE } from "./compare-ledger"
export { applyRuleToHistory } from "./scoped"

export type RecomputeProgress = (progress: number, step: string) => Promise<void>

/**
 * Rebuilds the rule ledger and every contact's scores from the stored events,
 * set-based, with the same formulas as live scoring, so both agree. Its
 * phases, as the README's "where the time goes" names them (RFM runs before,
 * in `recomputeRfm`):
 *
 * 1. matching: one pass over the events finds every (rule, event) match, caps
 *    applied by a window function, into a narrow temporary table;
 * 2. ledger pass, fingerprints, comparison: the matches are compared with the
 *    ledger's rule entries. When few differ (a rule was edited), only those
 *    are deleted, changed or added (in-place changes), and fit entries get
 *    corrections; when most differ, the ledger is emptied and refilled in one
 *    INSERT, without its indexes (rebuilt afterwards);
 * 3. totals and fit: one pass over the contacts tests the fit rules and sums
 *    each contact's points from the matches (not from the ledger again), with
 *    the new stage;
 * 4. contacts: one UPDATE writes each contact whose scores, bands or stage changed.
 *
 * All in the caller's transaction: readers see the old ledger and scores until it commits.
 * Entries before the retention cut-off are settled history (`./settled`): kept, counted, never re-matched.
 */
export async function recomputeAll(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  rules: RuleRow[],
  now: Date,
  progress: RecomputeProgress
): Promise<Record<string, number>> {
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [SCORING_LOCK])
  const stats: Record<string, number> = {}
  await setBulkSession(em)
  // Read under the lock: a purge stores its cut-off only while no recompute runs.
  const settled = settledParam(await settledBefore(em))

  const eventRules = rules.filter((r) => r.kind !== "fit")
  const rulesTable = ruleTable(eventRules)
  await progress(0.02, `Scoring events against ${eventRules.length} rules`)
  await pausePoint("matching")
  await stageMatches(em, eventRules, rulesTable, now, settings.time_zone, settled)

  await progress(0.3, "Comparing with the ledger")
  const outOfSync = await compareLedger(em, rulesTable, stats, settled)
  const rebuild = outOfSync === null
  let restoreIndexes: (() => Promise<void>) | null = null
  if (rebuild) {
    await progress(0.35, "Writing the ledger")
    await pausePoint("ledger rebuild")
    restoreIndexes = await refillLedger(em, rulesTable, now, stats, settled)
  } else {
    await progress(0.35, "Updating the ledger")
    await pausePoint("in-place changes")
    await applyLedgerChanges(em, rulesTable, outOfSync, now)
  }

  const fitRules = rules.filter((r) => r.kind === "fit")
  await progress(0.6, fitRules.length ? `Fit rules and totals (${fitRules.length} fit rules)` : "Totals")
  await pausePoint("totals and fit")
  await computeTotals(em, { settings, fitRules, rulesTable, rebuild, now, settled }, stats)

  if (restoreIndexes) {
    await progress(0.7, "Indexing the ledger")
    await pausePoint("ledger indexes")
    await restoreIndexes()
  }

  await progress(0.85, "Updating contacts")
  await pausePoint("contacts")
  await writeContacts(em, settings, now, progress, stats)
  return stats
}
