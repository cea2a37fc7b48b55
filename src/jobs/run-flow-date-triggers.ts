import type { MedusaContainer } from "@medusajs/framework/types"
import { runFlowDateTriggersWorkflow } from "../workflows/flows"

/** Date-triggered flows: every 15 minutes, the contacts whose local date and time came (set-based). */
export default async function runFlowDateTriggersJob(container: MedusaContainer) {
  await runFlowDateTriggersWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-flow-date-triggers",
  schedule: "*/15 * * * *",
}
