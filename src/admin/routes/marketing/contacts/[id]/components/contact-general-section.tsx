import { Container, Heading, Text } from "@medusajs/ui"
import { ContactStatusBadge } from "../../../../../components/contact-status-badge"
import { SectionRow } from "../../../../../components/section-row"
import {
  formatDateTime,
  formatRelativeTime,
  getContactName,
  getContactTitle,
} from "../../../../../lib/format"
import type { ContactWithVisitors } from "../../../../../lib/types"
import { ContactPrivacyActions } from "./contact-privacy-actions"

const When = ({ date }: { date: string | null | undefined }) =>
  date ? (
    <Text size="small" leading="compact">
      {formatDateTime(date)}{" "}
      <span className="text-ui-fg-muted">({formatRelativeTime(date)})</span>
    </Text>
  ) : null

export const ContactGeneralSection = ({
  contact,
  eventsCount,
}: {
  contact: ContactWithVisitors
  eventsCount?: number
}) => {
  const name = getContactName(contact)

  return (
    <Container className="divide-y p-0">
      <div className="flex items-start justify-between gap-x-4 px-6 py-4">
        <div className="flex min-w-0 flex-col">
          <Heading level="h1" className="break-all">
            {getContactTitle(contact)}
          </Heading>
          {name && contact.email ? (
            <Text size="small" leading="compact" className="text-ui-fg-subtle">
              {name}
            </Text>
          ) : null}
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          <ContactStatusBadge contact={contact} />
          <ContactPrivacyActions contact={contact} />
        </div>
      </div>
      <SectionRow title="Contact ID" value={contact.id} mono />
      <SectionRow title="First seen" value={<When date={contact.first_seen_at} />} />
      <SectionRow title="Last seen" value={<When date={contact.last_seen_at} />} />
      <SectionRow
        title="Events"
        value={eventsCount !== undefined ? String(eventsCount) : null}
      />
    </Container>
  )
}
