import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { purgeExpiredEventsWorkflow } from "../workflows/privacy"

/**
 * Behavioural events past `tracking.retentionDays`, deleted every night at
 * 02:30 (before the nightly scoring, segment builds and predictions), by one
 * instance; the run is recorded in `marketing_retention_run`.
 */
export default async function purgeExpiredEventsJob(container: MedusaContainer) {
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const { result } = await purgeExpiredEventsWorkflow(container).run({ input: { pause_ms: 20 } })
  if (result) {
    logger.info(`marketing retention: ${result.events_deleted} events before ${result.cutoff} deleted in ${result.batches} batches (run ${result.id})`)
  }
}

export const config = {
  name: "marketing-purge-expired-events",
  schedule: "30 2 * * *",
}
