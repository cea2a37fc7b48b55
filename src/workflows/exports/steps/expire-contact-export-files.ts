import { Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const expireContactExportFilesStepId = "expire-contact-export-files"

/**
 * Deletes the files of exports past their retention (`exports.fileRetentionDays`)
 * from the File Module and marks those exports `expired`; also fails exports
 * whose instance died on their last attempt. Nothing to compensate: a deleted
 * file cannot come back, and marking it expired only says so.
 */
export const expireContactExportFilesStep = createStep(
  expireContactExportFilesStepId,
  async (input: { now?: string; limit?: number }, { container }) => {
    const marketing = marketingOf(container)
    const files = container.resolve(Modules.FILE)
    const now = input.now ? new Date(input.now) : new Date()
    const abandoned = await marketing.failAbandonedContactExports(now)
    const due = await marketing.expiredContactExportFiles(now, input.limit ?? 200)
    const keys = due.map((d) => d.file_key).filter((k): k is string => !!k)
    if (keys.length) await files.deleteFiles(keys)
    if (due.length) {
      await marketing.updateContactExports(due.map((d) => ({ id: d.id, status: "expired" as const, file_key: null })))
    }
    return new StepResponse({ expired: due.length, abandoned })
  }
)
