/** RFM: recency, frequency and monetary value, each banded 1-5 by quintiles (recency with a floor). */
import { DAY_MS } from "./decay"

export const RFM_GROUPS = [
  "Champions",
  "Loyal",
  "Potential loyalist",
  "New customer",
  "Promising",
  "Need attention",
  "At risk",
  "Can't lose them",
  "Hibernating",
  "Lost",
] as const
export type RfmGroup = (typeof RFM_GROUPS)[number]

/**
 * Four cut points per measure; every measure is "higher is better" (recency as
 * the last order's epoch seconds). Stored with them: the store's median gap in
 * days between a customer's consecutive orders, null while fewer than
 * MIN_REPEAT_CUSTOMERS customers have ordered twice.
 */
export type RfmBoundaries = { recency: number[]; frequency: number[]; monetary: number[]; order_gap_days?: number | null }

/** Quintiles need at least this many customers (contacts with an order); below that, nobody gets an RFM group. */
export const MIN_RFM_CUSTOMERS = 5

/** The store's order gap is known once this many customers have ordered at least twice. */
export const MIN_REPEAT_CUSTOMERS = 5

/** The lowest recency band a customer gets while their last order is more recent than the floor. */
export const FLOORED_RECENCY_BAND = 3

/**
 * The recency floor in days: the configured one, or the store's median order
 * gap when that is longer (once it is known).
 */
export function effectiveRecencyFloorDays(floorDays: number, orderGapDays: number | null | undefined): number {
  return orderGapDays != null && orderGapDays > floorDays ? orderGapDays : floorDays
}

/**
 * The recency band of a customer whose last order was at `lastOrderMs`: by
 * quintile, but never below FLOORED_RECENCY_BAND (so never At risk,
 * Hibernating or Lost) while less than `floorDays` have passed since.
 */
export function recencyBand(lastOrderMs: number, cuts: number[], nowMs: number, floorDays: number): number {
  const r = band(lastOrderMs / 1000, cuts)
  return nowMs - lastOrderMs < floorDays * DAY_MS ? Math.max(r, FLOORED_RECENCY_BAND) : r
}

export const QUINTILES = [0.2, 0.4, 0.6, 0.8]

/**
 * Cut points as Postgres's `percentile_disc` computes them: the smallest
 * value whose cumulative share reaches the fraction.
 */
export function quintileCuts(values: number[]): number[] {
  if (!values.length) return []
  const sorted = [...values].sort((a, b) => a - b)
  return QUINTILES.map((p) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)])
}

/** 1 + how many cut points lie below the value; ties share a band. */
export function band(value: number, cuts: number[]): number {
  return 1 + cuts.filter((cut) => cut < value).length
}

/** Rows: recency 5 (most recent) to 1; columns: the average of frequency and monetary, 1 to 5. */
export const RFM_GRID: Record<number, RfmGroup[]> = {
  5: ["New customer", "Potential loyalist", "Potential loyalist", "Champions", "Champions"],
  4: ["Promising", "Potential loyalist", "Potential loyalist", "Loyal", "Champions"],
  3: ["Need attention", "Need attention", "Need attention", "Loyal", "Loyal"],
  2: ["Hibernating", "Hibernating", "At risk", "At risk", "Can't lose them"],
  1: ["Lost", "Lost", "At risk", "At risk", "Can't lose them"],
}

export function rfmGroup(recency: number, frequency: number, monetary: number): RfmGroup {
  const fm = Math.min(5, Math.max(1, Math.round((frequency + monetary) / 2)))
  return RFM_GRID[Math.min(5, Math.max(1, recency))][fm - 1]
}

/** The RFM part of the loyalty score: 0 (1-1-1) to 100 (5-5-5). */
export function rfmPoints(recency: number, frequency: number, monetary: number): number {
  return Math.round(((recency + frequency + monetary - 3) / 12) * 100)
}

/** The SQL CASE that maps recency and frequency/monetary bands to the same group names. */
export function rfmGroupSql(r: string, f: string, m: string): string {
  const fm = `least(5, greatest(1, round((${f} + ${m}) / 2.0)::int))`
  const cases: string[] = []
  for (const [recency, row] of Object.entries(RFM_GRID)) {
    row.forEach((group, i) => {
      cases.push(`WHEN ${r} = ${recency} AND ${fm} = ${i + 1} THEN '${group.replace(/'/g, "''")}'`)
    })
  }
  return `CASE ${cases.join(" ")} END`
}
