import type { MedusaContainer } from "@medusajs/framework/types"
import { fitPredictionsWorkflow } from "../workflows/predictions"

/** Lifetime value, churn risk and next order dates, every night at 04:00 (after the nightly scoring and purge). */
export default async function nightlyPredictionsJob(container: MedusaContainer) {
  await fitPredictionsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-nightly-predictions",
  schedule: "0 4 * * *",
}
