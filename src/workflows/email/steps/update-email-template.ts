import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const updateEmailTemplateStepId = "update-email-template"

/** Updates a template; compensation puts the previous values back. */
export const updateEmailTemplateStep = createStep(
  updateEmailTemplateStepId,
  async (input: { id: string; update: Record<string, unknown> }, { container }) => {
    const previous = await marketingOf(container).retrieveEmailTemplate(input.id)
    const updated = await marketingOf(container).updateEmailTemplates({ id: input.id, ...(input.update as any) })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const { created_at, updated_at, deleted_at, ...restore } = previous as any
    await marketingOf(container).updateEmailTemplates(restore)
  }
)
