import type { MedusaContainer } from "@medusajs/framework/types"
import { buildSegmentsWorkflow } from "../workflows/segments"

/**
 * Nightly, after the scoring job (03:00): every segment rebuilt whole, for
 * what no event announces (decayed scores, new RFM bands, the top-spender
 * cut, customer groups edited in Medusa).
 */
export default async function nightlySegmentBuildsJob(container: MedusaContainer) {
  await buildSegmentsWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-nightly-segment-builds",
  schedule: "30 3 * * *",
}
