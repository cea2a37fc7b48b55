import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { changeEmailConsentWorkflow } from "../../../../../../workflows/email"
import { CONSENT_RECORD_FIELDS } from "../../query-config"
import type { AdminChangeEmailConsentType } from "../../validators"

/** The contact's email consent history (newest first): the proof of each change. */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  await query.graph({ entity: "contact", fields: ["id"], filters: { id: req.params.id } }, { throwIfKeyNotFound: true })
  const { data } = await query.graph({
    entity: "consent_record",
    fields: CONSENT_RECORD_FIELDS,
    filters: { contact_id: req.params.id },
    pagination: { take: 200, order: { occurred_at: "DESC", id: "DESC" } },
  })
  res.json({ consent_records: data })
}

/** Records consent given or withdrawn outside the storefront (by phone, on paper, from an import). */
export const POST = async (req: AuthenticatedMedusaRequest<AdminChangeEmailConsentType>, res: MedusaResponse) => {
  const { result } = await changeEmailConsentWorkflow(req.scope).run({
    input: {
      contact_id: req.params.id,
      status: req.validatedBody.status,
      source: req.validatedBody.source,
      ip_address: req.ip ?? null,
      user_agent: req.get("user-agent") ?? null,
      at: new Date().toISOString(),
    },
  })
  res.json({ changes: result.changes })
}
