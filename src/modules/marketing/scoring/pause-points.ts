/**
 * Named points in scoring where a test can pause the work: between two phases
 * of a recompute, or in a scoring or backlog pass. A test commits events at
 * each point to check every interleaving deterministically instead of by
 * timing. Inactive unless a test sets a hook, and only under NODE_ENV=test.
 */
export type ScoringPausePoint =
  // The recompute's phases, named as the README's "where the time goes" names them.
  | "RFM"
  | "matching"
  | "ledger pass"
  | "fingerprints"
  | "comparison"
  | "in-place changes"
  | "ledger rebuild"
  | "totals and fit"
  | "ledger indexes"
  | "contacts"
  // Elsewhere: a backlog pass starts; a scoring pass (live, backlog) has locked its contacts, nothing written yet.
  | "backlog pass"
  | "scoring contacts"

export type ScoringPauseHook = (point: ScoringPausePoint) => Promise<void> | void

// On globalThis: a test imports this file from src/, the app runs the built copy.
const HOOK = Symbol.for("medusa-marketing-automation:scoring-pause-hook")

export function setScoringPauseHook(hook: ScoringPauseHook | null): void {
  ;(globalThis as Record<symbol, unknown>)[HOOK] = hook ?? undefined
}

export async function pausePoint(point: ScoringPausePoint): Promise<void> {
  if (process.env.NODE_ENV !== "test") return
  const hook = (globalThis as Record<symbol, ScoringPauseHook | undefined>)[HOOK]
  if (hook) await hook(point)
}
