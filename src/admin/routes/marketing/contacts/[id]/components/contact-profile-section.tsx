import { Container } from "@medusajs/ui"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionRow } from "../../../../../components/section-row"
import {
  capitalize,
  formatCountry,
  formatDate,
  getContactName,
} from "../../../../../lib/format"
import type { Contact } from "../../../../../lib/types"

export const ContactProfileSection = ({ contact }: { contact: Contact }) => (
  <Container className="divide-y p-0">
    <SectionHeader title="Profile" />
    <SectionRow title="Email" value={contact.email} />
    <SectionRow title="Name" value={getContactName(contact)} />
    <SectionRow title="Phone" value={contact.phone} />
    <SectionRow
      title="Birth date"
      value={
        contact.birth_date ? formatDate(contact.birth_date, { utc: true }) : null
      }
    />
    <SectionRow title="Age band" value={contact.age_band} />
    <SectionRow
      title="Gender"
      value={contact.gender ? capitalize(contact.gender) : null}
    />
    <SectionRow title="Occupation" value={contact.occupation} />
    <SectionRow title="Company" value={contact.company} />
    <SectionRow title="Industry" value={contact.industry} />
    <SectionRow title="Job title" value={contact.job_title} />
    <SectionRow title="Country" value={formatCountry(contact.country_code)} />
    <SectionRow title="City" value={contact.city} />
    <SectionRow title="Language" value={contact.locale} />
    <SectionRow title="Time zone" value={contact.timezone} />
  </Container>
)
