import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const queueContactImportStepId = "queue-contact-import"

/**
 * Marks a staged import as waiting for a run. Compensation puts it back to
 * `uploading`, where no run takes it (the upload's caller discards it).
 */
export const queueContactImportStep = createStep(
  queueContactImportStepId,
  async (input: { id: string; rows_read: number }, { container }) => {
    await marketingOf(container).queueContactImport(input.id, input.rows_read)
    return new StepResponse({ id: input.id }, input.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).updateContactImports({ id, status: "uploading" })
  }
)
