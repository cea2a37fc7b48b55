import { z } from "@medusajs/framework/zod"

/** 100 events of 8 KB of properties, plus their envelopes. */
export const MAX_BEACON_BYTES = 1024 * 1024

/** A body still arriving after this is refused: a slow sender cannot hold the connection. */
export const BEACON_BODY_TIMEOUT_MS = 10_000

export const BeaconQuery = z.object({
  publishable_key: z.string().min(1, "publishable_key is required"),
})
