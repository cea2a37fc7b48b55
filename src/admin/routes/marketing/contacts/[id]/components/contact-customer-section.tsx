import { ArrowUpRightOnBox } from "@medusajs/icons"
import { Button, Container, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionRow } from "../../../../../components/section-row"
import type { Contact } from "../../../../../lib/types"

/** The Medusa customer this contact is, once known. */
export const ContactCustomerSection = ({ contact }: { contact: Contact }) => (
  <Container className="divide-y p-0">
    <SectionHeader
      title="Customer"
      actions={
        contact.customer_id ? (
          <Button size="small" variant="secondary" asChild>
            <Link
              to={`/customers/${contact.customer_id}`}
              data-testid="marketing-contact-customer-link"
            >
              <ArrowUpRightOnBox />
              View customer
            </Link>
          </Button>
        ) : null
      }
    />
    {contact.customer_id ? (
      <SectionRow title="Customer ID" value={contact.customer_id} mono />
    ) : (
      <div className="px-6 py-4">
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          Not a customer yet. The contact is linked to a customer when the
          shopper signs up or places an order.
        </Text>
      </div>
    )}
  </Container>
)
