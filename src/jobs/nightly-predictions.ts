import type { MedusaContainer } from "@medusajs/framework/types"
import { fitPredictionsWorkflow } from "../workflows/predictions"

/** Lifetime value, churn risk and next order dates, every night at 03:30 (after the nightly scoring). */
export default async function nightlyPredictionsJob(container: MedusaContainer) {
  await fitPredictionsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-nightly-predictions",
  schedule: "30 3 * * *",
}
