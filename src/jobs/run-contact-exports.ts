import type { MedusaContainer } from "@medusajs/framework/types"
import { expireContactExportFilesWorkflow, runContactExportWorkflow } from "../workflows/exports"

/** Exports one tick runs at most; the next tick takes the rest. */
const PER_TICK = 5

/**
 * The safety net of contact exports: runs any still waiting (a request whose
 * event was lost, or an export whose instance died, once its lease ran out),
 * then deletes the files past their retention.
 */
export default async function runContactExportsJob(container: MedusaContainer) {
  for (let i = 0; i < PER_TICK; i++) {
    const { result } = await runContactExportWorkflow(container).run({ input: {} })
    if (!result.claimed) break
  }
  await expireContactExportFilesWorkflow(container).run({ input: {} })
}

export const config = {
  name: "marketing-run-contact-exports",
  schedule: "* * * * *",
}
