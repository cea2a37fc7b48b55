import type { MedusaContainer } from "@medusajs/framework/types"
import { runNightlyScoringWorkflow } from "../workflows/scoring"

/** RFM quintiles, inactivity and decay, every night at 03:00. */
export default async function nightlyScoringJob(container: MedusaContainer) {
  await runNightlyScoringWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-nightly-scoring",
  schedule: "0 3 * * *",
}
