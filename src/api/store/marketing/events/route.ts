import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordStorefrontEvents } from "../../../../workflows/tracking"
import type { StoreTrackEventsType } from "./validators"

/**
 * Records storefront events. The publishable API key is required (as on
 * every store route); a customer's token or session links the visitor.
 *
 * Carts: an event may name the shopper's Medusa cart in `properties.cart_id`
 * (`cart_…`, at most 64 characters; anything else is a 400 naming
 * `events[i].properties.cart_id` and nothing is written). Naming a cart says
 * the visitor owns it: the cart's events kept while no one was known to own
 * it (a guest's `cart_created`, items added) move onto the visitor's contact,
 * and a guest customer's contact holding the cart merges with it.
 */
export const POST = async (
  req: AuthenticatedMedusaRequest<StoreTrackEventsType>,
  res: MedusaResponse
) => {
  const customerId = req.auth_context?.actor_type === "customer" ? req.auth_context.actor_id : null
  // Stored in a group commit with the requests arriving at the same time (see storefront-ingest.ts).
  const outcome = await recordStorefrontEvents(req.scope, {
    events: req.validatedBody.events,
    customer_id: customerId || null,
    user_agent: req.get("user-agent") ?? null,
    ip: req.ip ?? null,
    received_at: new Date().toISOString(),
  })
  res.status(200).json(outcome)
}
