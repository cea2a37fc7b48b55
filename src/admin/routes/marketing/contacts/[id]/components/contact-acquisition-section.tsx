import { Container, Text } from "@medusajs/ui"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionRow } from "../../../../../components/section-row"
import type { Contact } from "../../../../../lib/types"

const Group = ({ title }: { title: string }) => (
  <div className="bg-ui-bg-subtle px-6 py-2">
    <Text size="xsmall" leading="compact" weight="plus" className="text-ui-fg-muted">
      {title}
    </Text>
  </div>
)

export const ContactAcquisitionSection = ({
  contact,
}: {
  contact: Contact
}) => (
  <Container className="divide-y p-0">
    <SectionHeader title="Acquisition" description="Where the contact came from" />
    <Group title="First visit" />
    <SectionRow title="Source" value={contact.first_utm_source} />
    <SectionRow title="Medium" value={contact.first_utm_medium} />
    <SectionRow title="Campaign" value={contact.first_utm_campaign} />
    <SectionRow title="Referrer" value={contact.referrer} />
    <SectionRow title="Landing page" value={contact.landing_page} />
    <Group title="Latest visit" />
    <SectionRow title="Source" value={contact.last_utm_source} />
    <SectionRow title="Medium" value={contact.last_utm_medium} />
    <SectionRow title="Campaign" value={contact.last_utm_campaign} />
  </Container>
)
