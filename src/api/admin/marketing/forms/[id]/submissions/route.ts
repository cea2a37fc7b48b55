import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { marketingOf } from "../../../../../../workflows/utils/marketing"
import { presentSubmission } from "../../helpers"
import type { AdminListFormSubmissionsType } from "../../validators"

/** The form's submissions, newest first. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListFormSubmissionsType>, res: MedusaResponse) => {
  const { limit, offset } = req.validatedQuery
  const marketing = marketingOf(req.scope)
  await marketing.retrieveForm(req.params.id, { withDeleted: true } as any) // 404 for an unknown form
  const [rows, count] = await marketing.listAndCountFormSubmissions(
    { form_id: req.params.id },
    { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } }
  )
  res.json({ submissions: rows.map(presentSubmission), count, limit, offset })
}
