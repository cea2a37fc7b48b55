import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import type { FormTargeting } from "../../../../../modules/marketing/forms/types"
import { hiddenFormIds } from "../../../../../modules/marketing/forms/visibility"
import { marketingOf } from "../../../../../workflows/utils/marketing"
import type { StoreFormVisibilityType } from "../validators"

/**
 * Per visitor, never cached: the active forms this visitor must not see (a
 * contact already subscribed sees no signup form; segment targeting and
 * exclusion), and the contact's country when known (for country targeting).
 */
export const POST = async (req: MedusaRequest<StoreFormVisibilityType>, res: MedusaResponse) => {
  const marketing = marketingOf(req.scope)
  const [forms, visitor] = await Promise.all([
    marketing.listForms({ status: "active" }, { select: ["id", "targeting"], take: 100 }),
    marketing.loadFormVisitor(req.validatedBody.anonymous_id),
  ])
  res.set("Cache-Control", "no-store")
  res.json({
    hidden: hiddenFormIds(forms as unknown as { id: string; targeting: FormTargeting }[], visitor),
    country: visitor.country_code,
  })
}
