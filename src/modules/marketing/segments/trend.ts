export type TrendPoint = { day: string; count: number }

const DAY_MS = 24 * 60 * 60 * 1000
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/**
 * Member counts at the end of each of the last `days` UTC days (today last,
 * as of now), walked back from the current count through the entries and
 * exits recorded per day, so no daily snapshot table is needed.
 */
export function membershipTrend(
  current: number,
  changes: { day: string; entered: number; exited: number }[],
  now: Date,
  days = 30
): TrendPoint[] {
  const net = new Map<string, number>()
  for (const c of changes) net.set(c.day, (net.get(c.day) ?? 0) + Number(c.entered) - Number(c.exited))
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate())
  const points: TrendPoint[] = []
  let count = current
  for (let i = 0; i < days; i++) {
    const day = isoDay(today - i * DAY_MS)
    points.push({ day, count: Math.max(0, count) })
    // The end of the day before is this day's count minus what this day changed.
    count -= net.get(day) ?? 0
  }
  return points.reverse()
}
