import { randomFillSync } from "node:crypto"
import { factory } from "ulid"

// Random bytes drawn 4 KB at a time: Medusa's generateEntityId (ulid's default
// generator) makes one crypto.randomBytes call per character, 16 per id, about
// 40 µs an id on the 2-core machine: 14 s of CPU in a 100,000-row import.
const pool = Buffer.alloc(4096)
let next = pool.length
const pooledRandom = () => {
  if (next >= pool.length) {
    randomFillSync(pool)
    next = 0
  }
  // ulid reads floor(x * 32): a byte / 256 gives each of the 32 characters 8 of the 256 values.
  return pool[next++] / 256
}
const ulid = factory(pooledRandom)

/** A new id in Medusa's shape (`prefix_` and a ULID, as generateEntityId makes), from a cryptographic source. */
export const newEntityId = (prefix: string): string => `${prefix}_${ulid()}`
