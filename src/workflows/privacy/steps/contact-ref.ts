import { MedusaError } from "@medusajs/framework/utils"
import type MarketingModuleService from "../../../modules/marketing/service"
import { marketingOf } from "../../utils/marketing"

/** Whom a privacy request is about: a contact, or a Medusa customer (whose contact is looked up). */
export type ContactRef = { contact_id?: string | null; customer_id?: string | null }

/**
 * The contact a request is about: the given contact id as is (the module
 * answers NOT_FOUND for an unknown one), or the live contact of a customer,
 * or null when the customer has none.
 */
async function contactIdOf(marketing: MarketingModuleService, ref: ContactRef): Promise<string | null> {
  if (ref.contact_id) return ref.contact_id
  if (!ref.customer_id) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, "Either contact_id or customer_id is required")
  }
  const [contact] = await marketing.listContacts({ customer_id: ref.customer_id }, { select: ["id"], take: 1 })
  return contact?.id ?? null
}

/** The marketing module and the id of the contact a privacy step is about. */
export async function resolveContactRef(container: Parameters<typeof marketingOf>[0], ref: ContactRef) {
  const marketing = marketingOf(container)
  return { marketing, contactId: await contactIdOf(marketing, ref) }
}
