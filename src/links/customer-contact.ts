import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import MarketingModule from "../modules/marketing"

/**
 * The inverse read-only link: `query.graph({ entity: "customer",
 * fields: ["marketing_contact.*"] })` reads a customer's contact.
 */
export default defineLink(
  {
    linkable: CustomerModule.linkable.customer,
    field: "id",
  },
  {
    ...MarketingModule.linkable.contact.id,
    primaryKey: "customer_id",
  },
  { readOnly: true }
)
