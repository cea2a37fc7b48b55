/**
 * The scoring engine's SQL, one file per concern:
 * - `live.ts`: scoring of newly stored events, in the ingesting transaction;
 * - `backlog.ts`: the scoring lock, and events parked while a recompute runs;
 * - `recompute/`: the full rebuild, one file per phase (matching, ledger
 *   comparison and writes, totals and fit, contacts), and one rule applied
 *   to history alone (`scoped.ts`);
 * - `rfm-sql.ts`: RFM cut points (with the order gap), their first storing, and every customer's bands; `upkeep.ts`: nightly decay, totals after a merge;
 * - `compile.ts`: rules and stages compiled to SQL; `store.ts`: the rows and settings read.
 */
export type { SqlRunner } from "../sql-runner"
export type { RuleRow, ScoreCrossing, ScoringOutcome, ScoringSettingsRow, StageChange } from "./store"
export { loadActiveRules, loadSettings } from "./store"
export { SCORING_LOCK, BACKLOG_LOCK, lockScoringShared, tryLockScoringShared, processBacklog } from "./backlog"
export { scoreContacts } from "./live"
export { runRecompute, scoreIngested } from "./ingested"
export { MIN_RFM_CUSTOMERS, isOrderEvent, lockUntilCutPointsStored, recomputeRfm } from "./rfm-sql"
export { decayAll, retotalContact } from "./upkeep"
export type { RecomputeProgress } from "./recompute"
export { BULK_CONTACT_WRITES, LEDGER_REBUILD_SHARE, applyRuleToHistory, recomputeAll } from "./recompute"
