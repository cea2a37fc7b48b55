import type { MedusaContainer } from "@medusajs/framework/types"
import { purgePendingCartEventsWorkflow } from "../workflows/tracking"

/** Events about carts that never found an owner, deleted every night at 03:30. */
export default async function purgePendingCartEventsJob(container: MedusaContainer) {
  await purgePendingCartEventsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-purge-pending-cart-events",
  schedule: "30 3 * * *",
}
