import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { AttributionRow } from "../../../modules/marketing/reports/attribution"
import { marketingOf } from "../../utils/marketing"

export const attributeAppointmentsStepId = "attribute-appointments"

/**
 * Credits the contact's `appointment_booked` events not yet credited, like
 * orders (same windows, no amount). Compensation removes the rows it created.
 */
export const attributeAppointmentsStep = createStep(
  attributeAppointmentsStepId,
  async (input: { contact_id: string; now?: string }, { container }) => {
    const rows = await marketingOf(container).attributeAppointments({
      contact_id: input.contact_id,
      now: input.now ? new Date(input.now) : new Date(),
    })
    return new StepResponse(rows as AttributionRow[], rows.map((r) => r.id))
  },
  async (created, { container }) => {
    if (created?.length) await marketingOf(container).removeAttributionRows(created)
  }
)
