import type { MedusaContainer } from "@medusajs/framework/types"
import { runSegmentTimeWindowsWorkflow } from "../workflows/segments"

/** Every minute: contacts whose segment window edge passed ("no order in 90 days") move. */
export default async function segmentTimeWindowsJob(container: MedusaContainer) {
  await runSegmentTimeWindowsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-segment-time-windows",
  schedule: "* * * * *",
}
