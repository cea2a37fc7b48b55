/**
 * How the admin words lead predictions: the AUC's meaning, an odds ratio's
 * interval, the heat map's shades. Pure, so unit tests pin them.
 */

/** What an AUC on the held-out window means to the owner. */
export function aucVerdict(auc: number | null): string {
  if (auc === null || !Number.isFinite(auc)) return "Not measured: the held-out window had no buyers or no non-buyers."
  if (auc >= 0.8) return "Strong: leads it ranked higher ordered far more often."
  if (auc >= 0.7) return "Useful: it ranks leads clearly better than chance."
  if (auc > 0.55) return "Weak: only a little better than chance."
  return "No better than chance: do not rely on it yet."
}

/** "×1.8 to ×3.2" (95% interval), or a hint that the data cannot tell when it spans 1. */
export function oddsInterval(low: number, high: number): string {
  const f = (v: number) => `×${Number(v.toPrecision(2))}`
  return low <= 1 && high >= 1 ? `${f(low)} to ${f(high)}: the store's data cannot tell yet` : `${f(low)} to ${f(high)}`
}

/** 0.1234 → "12.3%". */
export const percent = (share: number | null) => (share === null ? "-" : `${(share * 100).toFixed(1)}%`)

/** The shade of one heat-map cell: 0 for none, up to 1 for the busiest hour. */
export function heatLevel(count: number, max: number): number {
  if (!(max > 0) || !(count > 0)) return 0
  return Math.round((0.15 + 0.85 * (count / max)) * 100) / 100
}

/** "Tuesday 10:00–11:00: 42 opens and clicks", the cell's accessible name. */
export function heatCellLabel(day: string, hour: number, count: number): string {
  const h = (n: number) => `${String(n % 24).padStart(2, "0")}:00`
  return `${day} ${h(hour)}–${h(hour + 1)}: ${count} ${count === 1 ? "open or click" : "opens and clicks"}`
}
