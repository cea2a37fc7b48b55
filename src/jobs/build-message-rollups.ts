import type { MedusaContainer } from "@medusajs/framework/types"
import { buildMessageRollupsWorkflow } from "../workflows/reports"

/**
 * Every minute: the reports' daily message rollups of closed days that are
 * missing or changed (late opens and clicks, bounces, erasure). A day waiting
 * for its rebuild is read from its messages, so reports are never stale; an
 * idle run is one small query.
 */
export default async function buildMessageRollupsJob(container: MedusaContainer) {
  await buildMessageRollupsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-message-rollups",
  schedule: "* * * * *",
}
