import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { recordContactEventWorkflow } from "../../../../workflows/tracking"
import type { AdminRecordEventType } from "./validators"

/**
 * Records one event for a contact named by `contact_id`, `customer_id` or
 * `email`: a booking tool's server sends `appointment_booked` here with a
 * Medusa secret API key (HTTP Basic, the key as the user name), as any admin
 * route accepts. An appointment is credited to the message that led to it,
 * like an order.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminRecordEventType>, res: MedusaResponse) => {
  const { result } = await recordContactEventWorkflow(req.scope).run({
    input: { ...req.validatedBody, received_at: new Date().toISOString() },
  })
  res.status(200).json(result)
}
