import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { OPERATORS_BY_TYPE, type FieldCatalog } from "../../../../../modules/marketing/conditions"
import { SCORABLE_EVENT_TYPES, ruleCatalog } from "../../../../../modules/marketing/scoring/rules"
import {
  COUNT_OPERATORS,
  PURCHASE_METRICS,
  PURCHASE_OPERATORS,
  SEGMENT_CONTACT_FIELDS,
} from "../../../../../modules/marketing/segments"

const describe = (catalog: FieldCatalog) =>
  Object.entries(catalog).map(([name, def]) => ({
    name,
    type: def.type,
    ...(def.values ? { values: [...def.values] } : {}),
    operators: [...OPERATORS_BY_TYPE[def.type]],
  }))

/** What the condition builder offers: contact fields, event types with their properties, purchase metrics. */
export const GET = async (_req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({
    fields: describe(SEGMENT_CONTACT_FIELDS),
    event_types: SCORABLE_EVENT_TYPES.map((type) => ({ type, properties: describe(ruleCatalog("engagement", type)) })),
    purchase_metrics: [...PURCHASE_METRICS],
    purchase_operators: [...PURCHASE_OPERATORS],
    count_operators: [...COUNT_OPERATORS],
  })
}
