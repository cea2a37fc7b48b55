import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const deleteEmailTemplateStepId = "delete-email-template"

/** Soft-deletes a template; compensation restores it. */
export const deleteEmailTemplateStep = createStep(
  deleteEmailTemplateStepId,
  async (id: string, { container }) => {
    await marketingOf(container).retrieveEmailTemplate(id)
    await marketingOf(container).softDeleteEmailTemplates(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (id) await marketingOf(container).restoreEmailTemplates(id)
  }
)
