import { Text } from "@medusajs/ui"
import { ContactStatusBadge } from "../contact-status-badge"
import {
  formatCountry,
  formatDateTime,
  formatDevice,
  formatRelativeTime,
} from "../../lib/format"
import type { Contact } from "../../lib/types"
import { ProfileRow, ProfileSubsection } from "./profile-subsection"

const When = ({ date }: { date: string | null | undefined }) =>
  date ? (
    <Text size="small" leading="compact" className="text-ui-fg-base" title={formatDateTime(date)}>
      {formatRelativeTime(date)}
    </Text>
  ) : null

const sourceOf = (contact: Contact) => {
  const parts = [contact.first_utm_source, contact.first_utm_medium].filter(
    (part): part is string => !!part
  )
  return parts.length ? parts.join(" / ") : null
}

/** When the contact was seen, on what, from where. */
export const ActivitySummary = ({ contact }: { contact: Contact }) => (
  <ProfileSubsection title="Activity" testId="marketing-profile-activity">
    <ProfileRow label="Status" value={<ContactStatusBadge contact={contact} />} />
    <ProfileRow label="First seen" value={<When date={contact.first_seen_at} />} />
    <ProfileRow label="Last seen" value={<When date={contact.last_seen_at} />} />
    <ProfileRow label="Device" value={formatDevice(contact.device_type)} />
    <ProfileRow label="Country" value={formatCountry(contact.country_code)} />
    <ProfileRow label="Source" value={sourceOf(contact)} />
  </ProfileSubsection>
)
