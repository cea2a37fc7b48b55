export const DAY_MS = 86_400_000

/**
 * How much of a point earned `elapsedMs` ago is left with the given
 * half-life. Points never grow: a negative elapsed time counts as none.
 */
export function decayFactor(elapsedMs: number, halfLifeDays: number): number {
  if (!(elapsedMs > 0)) return 1
  return Math.pow(2, -elapsedMs / (halfLifeDays * DAY_MS))
}

/** The value today of `points` earned at `earnedAt`. */
export function decayedValue(points: number, earnedAt: string | Date, now: Date, halfLifeDays: number): number {
  return points * decayFactor(now.getTime() - new Date(earnedAt).getTime(), halfLifeDays)
}

/** SQL for the same factor: `2 ^ (-(now - t) / half-life)`, with `now` and the half-life as parameters. */
export function decayFactorSql(timeColumn: string): string {
  return `power(2::float8, -greatest(date_part('epoch', ?::timestamptz - ${timeColumn}), 0) / (?::float8 * 86400))`
}
