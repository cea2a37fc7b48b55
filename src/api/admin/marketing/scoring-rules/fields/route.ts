import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { SCORABLE_EVENT_TYPES, ruleCatalog } from "../../../../../modules/marketing/scoring/rules"
import type { AdminRuleFieldsQueryType } from "../validators"

/** The fields a rule's conditions may test, for the editor's field picker. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminRuleFieldsQueryType>, res: MedusaResponse) => {
  const { kind, event_type } = req.validatedQuery
  const catalog = ruleCatalog(kind, event_type)
  const fields = Object.entries(catalog).map(([name, def]) => ({
    name,
    type: def.type,
    ...(def.values ? { values: [...def.values] } : {}),
  }))
  res.json({ fields, event_types: SCORABLE_EVENT_TYPES })
}
