import { defineLink } from "@medusajs/framework/utils"
import CustomerModule from "@medusajs/medusa/customer"
import MarketingModule from "../modules/marketing"

/**
 * A read-only link: the contact row holds `customer_id`, so `query.graph`
 * on a customer can read its contact without a pivot table to keep in sync.
 */
export default defineLink(
  {
    linkable: MarketingModule.linkable.contact,
    field: "customer_id",
  },
  CustomerModule.linkable.customer,
  { readOnly: true }
)
