import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { RetentionRunRow } from "../../../modules/marketing/retention/purge"
import { PURGE_BATCH_SIZE } from "../../../modules/marketing/retention/policy"
import { marketingOf } from "../../utils/marketing"

export type PurgeExpiredEventsStepInput = {
  run: RetentionRunRow | null
  /** Events per batch (each batch its own transaction). */
  batch_size?: number
  /** A pause between batches, in ms, leaving the database to ingestion. */
  pause_ms?: number
}

export const purgeExpiredEventsStepId = "purge-expired-events"

/**
 * Deletes the behavioural events before the run's cut-off, type by type,
 * in short batches through the (type, occurred_at) index, so ingestion never
 * waits on a long lock; counts each batch on the run and finishes it (or
 * marks it failed with the error, and fails). No compensation: deleted events
 * are gone by design, and a run again deletes only what is left.
 */
export const purgeExpiredEventsStep = createStep(
  purgeExpiredEventsStepId,
  async (input: PurgeExpiredEventsStepInput, { container }) => {
    const { run } = input
    if (!run) return new StepResponse(null)
    const marketing = marketingOf(container)
    const cutoff = new Date(run.cutoff)
    const limit = input.batch_size ?? PURGE_BATCH_SIZE
    const pause = input.pause_ms ?? 0
    try {
      for (const type of await marketing.listPurgeableEventTypes(cutoff)) {
        let from: string | null = null
        for (;;) {
          const batch = await marketing.purgeExpiredEventBatch({ runId: run.id, type, cutoff, limit, from })
          if (batch.deleted < limit) break
          from = batch.last
          if (pause) await new Promise((resolve) => setTimeout(resolve, pause))
        }
      }
    } catch (e) {
      await marketing.finishRetentionRun(run.id, new Date(), (e as Error).message)
      throw e
    }
    return new StepResponse(await marketing.finishRetentionRun(run.id, new Date()))
  }
)
