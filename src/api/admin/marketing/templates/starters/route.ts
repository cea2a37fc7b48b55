import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { STARTER_TEMPLATES } from "../../../../../modules/marketing/email/templates"
import { installStarterTemplatesWorkflow } from "../../../../../workflows/email"
import type { AdminInstallStarterTemplatesType } from "../validators"

/** The starter templates that ship with the plugin. */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ starters: STARTER_TEMPLATES.map(({ key, name, description }) => ({ key, name, description })) })
}

/** Installs starters (all, or the given keys); ones already installed are skipped. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminInstallStarterTemplatesType>, res: MedusaResponse) => {
  const { result } = await installStarterTemplatesWorkflow(req.scope).run({ input: { keys: req.validatedBody.keys } })
  res.json({ templates: result.templates })
}
