import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const createEmailTemplatesStepId = "create-email-templates"

/** Creates templates; compensation deletes them. */
export const createEmailTemplatesStep = createStep(
  createEmailTemplatesStepId,
  async (data: Record<string, unknown>[], { container }) => {
    const created: { id: string }[] = await marketingOf(container).createEmailTemplates(data as any[])
    return new StepResponse(created, created.map((t) => t.id))
  },
  async (ids, { container }) => {
    if (ids?.length) await marketingOf(container).deleteEmailTemplates(ids)
  }
)
