import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { PreparedEvent } from "../../../modules/marketing/tracking/types"
import { marketingOf } from "../../utils/marketing"

/** One event a server (a booking tool) records for a contact named by id, customer or email. */
export type ContactEventInput = {
  type: string
  contact_id?: string
  customer_id?: string
  email?: string
  properties?: Record<string, unknown>
  occurred_at?: string
  idempotency_key?: string
  received_at: string
}

export const prepareContactEventStepId = "prepare-contact-event"

/**
 * Finds the contact the event names (an unknown contact, customer or email
 * is a 400 naming the field, before anything is written) and prepares the
 * event for the shared recording path. Reads only.
 */
export const prepareContactEventStep = createStep(
  prepareContactEventStepId,
  async (input: ContactEventInput, { container }) => {
    const marketing = marketingOf(container)
    const invalid = (field: string, message: string) => new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${field}: ${message}`)
    let contactId: string | null = null
    let customerId: string | null = null
    if (input.contact_id) {
      const [contact] = await marketing.listContacts({ id: input.contact_id }, { select: ["id"] })
      if (!contact) throw invalid("contact_id", `no contact ${input.contact_id}`)
      contactId = contact.id
    } else if (input.customer_id) {
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: input.customer_id } })
      if (!data[0]) throw invalid("customer_id", `no customer ${input.customer_id}`)
      customerId = input.customer_id
    } else if (input.email) {
      const [contact] = await marketing.listContacts({ email: input.email.trim().toLowerCase() }, { select: ["id"], order: { created_at: "ASC" } })
      if (!contact) throw invalid("email", "no contact with this email")
      contactId = contact.id
    }
    const occurred = input.occurred_at && input.occurred_at < input.received_at ? new Date(input.occurred_at).toISOString() : input.received_at
    const event: PreparedEvent = {
      type: input.type,
      contact_id: contactId,
      customer_id: customerId,
      anonymous_id: null,
      properties: input.properties ?? {},
      occurred_at: occurred,
      received_at: input.received_at,
      session_id: null,
      source: "medusa",
      idempotency_key: input.idempotency_key ? `admin:${input.idempotency_key}` : null,
      profile: {},
    }
    return new StepResponse([event])
  }
)
