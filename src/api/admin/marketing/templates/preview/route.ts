import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { previewTemplate } from "../helpers"
import type { AdminPreviewUnsavedEmailTemplateType } from "../validators"

/** Renders an unsaved template (the editor's live preview). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminPreviewUnsavedEmailTemplateType>, res: MedusaResponse) => {
  const { template, ...input } = req.validatedBody
  res.json(await previewTemplate(req.scope, template as any, input))
}
