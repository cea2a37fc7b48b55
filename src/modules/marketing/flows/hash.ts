/**
 * A deterministic bucket in [0, 100) for (enrollment, step, salt): a retried
 * step run picks the same split branch, variant or holdout. FNV-1a over the
 * UTF-16 code units, then murmur3's finaliser so nearby ids spread evenly.
 */
export function bucketOf(...parts: string[]): number {
  let h = 0x811c9dc5
  const text = parts.join("\u0000")
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return ((h >>> 0) / 0x1_0000_0000) * 100
}

/** The entry whose cumulative weight first exceeds the bucket (weights out of 100). */
export function pickWeighted<T>(items: readonly T[], weightOf: (item: T) => number, bucket: number): T {
  let cumulative = 0
  for (const item of items) {
    cumulative += weightOf(item)
    if (bucket < cumulative) return item
  }
  return items[items.length - 1]
}
