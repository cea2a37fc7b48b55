import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { trackStorefrontEventsWorkflow } from "../../../../workflows/tracking"
import type { StoreTrackEventsType } from "./validators"

/**
 * Records storefront events. The publishable API key is required (as on
 * every store route); a customer's token or session links the visitor.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreTrackEventsType>,
  res: MedusaResponse
) => {
  const customerId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : null
  const { result } = await trackStorefrontEventsWorkflow(req.scope).run({
    input: {
      events: req.validatedBody.events,
      customer_id: customerId || null,
      user_agent: req.get("user-agent") ?? null,
      ip: req.ip ?? null,
      received_at: new Date().toISOString(),
    },
  })
  res.status(200).json({
    recorded: result.recorded,
    duplicates: result.duplicates,
    dropped: result.dropped,
  })
}
