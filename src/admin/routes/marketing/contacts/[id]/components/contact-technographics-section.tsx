import { Container } from "@medusajs/ui"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionRow } from "../../../../../components/section-row"
import { formatDevice } from "../../../../../lib/format"
import type { Contact } from "../../../../../lib/types"

export const ContactTechnographicsSection = ({
  contact,
}: {
  contact: Contact
}) => (
  <Container className="divide-y p-0">
    <SectionHeader
      title="Technographics"
      description="From the last browser the contact used"
    />
    <SectionRow title="Device" value={formatDevice(contact.device_type)} />
    <SectionRow title="Operating system" value={contact.os} />
    <SectionRow title="Browser" value={contact.browser} />
  </Container>
)
