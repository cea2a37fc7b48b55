import type { MedusaContainer } from "@medusajs/framework/types"
import { decideFlowAbWinnersWorkflow } from "../workflows/flows"

/** Automatic A/B winners of flow send steps: every hour, the undecided tests that became significant. */
export default async function decideFlowAbWinnersJob(container: MedusaContainer) {
  await decideFlowAbWinnersWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-flow-ab-winners",
  schedule: "17 * * * *",
}
