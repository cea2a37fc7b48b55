import type { MedusaContainer } from "@medusajs/framework/types"
import { processScoringBacklogWorkflow } from "../workflows/scoring"

/** Scores any events parked while a recompute ran (usually none). */
export default async function processScoringBacklogJob(container: MedusaContainer) {
  await processScoringBacklogWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-process-scoring-backlog",
  schedule: "* * * * *",
}
