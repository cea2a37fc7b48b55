import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import { attributeAppointmentsStep } from "../steps/attribute-appointments"
import { attributeOrderStep } from "../steps/attribute-order"
import { loadOrderForAttributionStep } from "../steps/load-order-for-attribution"
import { withdrawOrderAttributionStep } from "../steps/withdraw-order-attribution"

export const attributeOrderWorkflowId = "attribute-marketing-order"

/**
 * Credits a placed order to the marketing message that led to it: the last
 * one its contact clicked within the click window (report settings, default
 * 5 days), else the last one opened within the open window (default 1 day).
 * Keeps the total, currency, discounts used and whether it was the
 * customer's first order. A redelivered event writes nothing.
 *
 * @example
 * const { result } = await attributeOrderWorkflow(container).run({ input: { order_id: "order_123" } })
 * // result: { id: "matr_…", message_id: "mmsg_…", flow_id: "mflow_…", touch: "click", … } | null
 */
export const attributeOrderWorkflow = createWorkflow(attributeOrderWorkflowId, (input: { order_id: string }) => {
  const order = loadOrderForAttributionStep(input)
  const row = attributeOrderStep({ order })
  return new WorkflowResponse(row)
})

export const withdrawOrderAttributionWorkflowId = "withdraw-marketing-order-attribution"

/**
 * A canceled order withdraws its attribution: the row stays with
 * `withdrawn_at` set, and reports leave it out.
 *
 * @example
 * await withdrawOrderAttributionWorkflow(container).run({ input: { order_id: "order_123", at: new Date().toISOString() } })
 */
export const withdrawOrderAttributionWorkflow = createWorkflow(
  withdrawOrderAttributionWorkflowId,
  (input: { order_id: string; at: string }) => new WorkflowResponse(withdrawOrderAttributionStep(input))
)

export const attributeAppointmentsWorkflowId = "attribute-marketing-appointments"

/**
 * Credits a contact's new `appointment_booked` events (from the storefront or
 * `POST /admin/marketing/events`) like orders: kind "appointment", no amount.
 *
 * @example
 * await attributeAppointmentsWorkflow(container).run({ input: { contact_id: "mcon_123" } })
 */
export const attributeAppointmentsWorkflow = createWorkflow(
  attributeAppointmentsWorkflowId,
  (input: { contact_id: string; now?: string }) => new WorkflowResponse(attributeAppointmentsStep(input))
)
