import type { MedusaContainer } from "@medusajs/framework/types"
import { runContactImportWorkflow } from "../workflows/imports"
import { marketingOf } from "../workflows/utils/marketing"

/**
 * Takes over contact imports nobody runs: queued while no subscriber ran
 * (a restart between upload and run) or whose run stopped (its lease
 * passed). Then deletes rejected rows past their retention period.
 */
export default async function runContactImportsJob(container: MedusaContainer) {
  for (let i = 0; i < 10; i++) {
    const { result } = await runContactImportWorkflow(container).run({ input: {} })
    if (!result) break
  }
  await marketingOf(container).purgeContactImportRows(new Date())
}

export const config = {
  name: "marketing-run-contact-imports",
  schedule: "* * * * *",
}
