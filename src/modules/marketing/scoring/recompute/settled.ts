/**
 * Settled history: rule entries of the score ledger from before the latest
 * retention cut-off (`retention/purge.ts`'s `settledBefore`). Their events
 * may have been deleted, so a full recompute and a scoped apply keep them as
 * they are (with their points, decaying by their own time), count them in the
 * totals and in the cap windows that reach past the cut-off, and never match
 * an event from before the cut-off again. SQL with one timestamptz parameter
 * (the cut-off, `-infinity` when no purge ran); `s` names the entry row.
 */
export const SETTLED_ENTRIES = (s?: string): string => {
  const c = s ? `${s}.` : ""
  return `(${c}event_id IS NOT NULL AND ${c}occurred_at < ?::timestamptz)`
}

/** The cut-off as the SQL parameter those statements take. */
export const settledParam = (settled: Date | null): string => settled?.toISOString() ?? "-infinity"
