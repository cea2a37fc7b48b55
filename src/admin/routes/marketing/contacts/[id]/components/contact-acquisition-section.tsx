import { Container } from "@medusajs/ui"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionGroup, SectionRow } from "../../../../../components/section-row"
import { channelLabel } from "../../../../../lib/channels"
import type { Contact } from "../../../../../lib/types"

export const ContactAcquisitionSection = ({
  contact,
}: {
  contact: Contact
}) => (
  <Container className="divide-y p-0">
    <SectionHeader title="Acquisition" description="Where the contact came from" />
    <SectionGroup title="First visit" />
    <SectionRow title="Channel" value={contact.first_channel ? channelLabel(contact.first_channel) : null} />
    <SectionRow title="Source" value={contact.first_utm_source} />
    <SectionRow title="Medium" value={contact.first_utm_medium} />
    <SectionRow title="Campaign" value={contact.first_utm_campaign} />
    <SectionRow title="Referrer" value={contact.referrer} />
    <SectionRow title="Landing page" value={contact.landing_page} />
    <SectionGroup title="Latest visit" />
    <SectionRow title="Channel" value={contact.last_channel ? channelLabel(contact.last_channel) : null} />
    <SectionRow title="Source" value={contact.last_utm_source} />
    <SectionRow title="Medium" value={contact.last_utm_medium} />
    <SectionRow title="Campaign" value={contact.last_utm_campaign} />
  </Container>
)
