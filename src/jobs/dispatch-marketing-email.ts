import type { MedusaContainer } from "@medusajs/framework/types"
import { dispatchEmailsWorkflow } from "../workflows/email"

/** Sends queued email: retries after transient failures, and anything queued without immediate dispatch. */
export default async function dispatchMarketingEmailJob(container: MedusaContainer) {
  // Drain in batches until the queue has nothing due (bounded, so one run stays short).
  for (let batch = 0; batch < 20; batch++) {
    const { result } = await dispatchEmailsWorkflow(container).run({ input: { limit: 500, settle_seconds: 30 } })
    if (result.claimed < 500) break
  }
}

export const config = {
  name: "marketing-dispatch-email",
  schedule: "* * * * *",
}
