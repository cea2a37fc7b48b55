import type { MedusaContainer } from "@medusajs/framework/types"
import { dispatchEmailsWorkflow } from "../workflows/email"
import { marketingOf } from "../workflows/utils/marketing"
import { drainLoop, startDrain, type Sleep } from "../workflows/utils/drain"

const BATCH = 500
/** Leave messages due for less than this: the workflow that queued them is sending them. */
const SETTLE_SECONDS = 30
/** How long one drain keeps waiting for retries that come due (the next tick takes over after). */
const DRAIN_SECONDS = 55

/** Batches of due messages until none is due; then retries that come due within the drain. */
async function drainDueEmail(container: MedusaContainer, sleep: Sleep) {
  const marketing = marketingOf(container)
  await drainLoop({
    round: async () => {
      for (let batch = 0; batch < 20; batch++) {
        const { result } = await dispatchEmailsWorkflow(container).run({ input: { limit: BATCH, settle_seconds: SETTLE_SECONDS } })
        if (result.claimed < BATCH) break
      }
    },
    nextDueAt: (before) => marketing.nextMessageDueAt({ now: new Date(), settleSeconds: SETTLE_SECONDS, before }),
    until: Date.now() + DRAIN_SECONDS * 1000,
    sleep,
  })
}

/**
 * Sends queued email: retries after transient failures (on time: the drain
 * waits for a retry that comes due within it), and anything queued without
 * immediate dispatch. Starts the drain and returns (see startDrain).
 */
export default async function dispatchMarketingEmailJob(container: MedusaContainer) {
  startDrain(container, "Marketing email dispatcher", (sleep) => drainDueEmail(container, sleep))
}

export const config = {
  name: "marketing-dispatch-email",
  schedule: "* * * * *",
}
