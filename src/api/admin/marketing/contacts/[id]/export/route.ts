import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { exportContactDataWorkflow } from "../../../../../../workflows/privacy"

/**
 * Everything the plugin holds on the person (GDPR access and portability),
 * as a JSON file download. Any of their contact ids works, merged ones too.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  // 404 for an unknown id; a merged (soft-deleted) contact is still the person.
  await marketing.retrieveContact(req.params.id, { select: ["id"], withDeleted: true })
  const { result } = await exportContactDataWorkflow(req.scope).run({ input: { contact_id: req.params.id } })
  res.setHeader("Content-Disposition", `attachment; filename="contact-${fileSafe(req.params.id)}.json"`)
  res.setHeader("Cache-Control", "no-store")
  res.json(result)
}

const fileSafe = (id: string) => id.replace(/[^A-Za-z0-9_-]/g, "_")
