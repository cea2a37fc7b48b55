import { ConsentBadge } from "../consent-badge"
import type { Contact } from "../../lib/types"
import { ProfileRow, ProfileSubsection } from "./profile-subsection"

export const ConsentSummary = ({ contact }: { contact: Contact }) => (
  <ProfileSubsection title="Consent" testId="marketing-profile-consent">
    <ProfileRow
      label="Analytics"
      value={<ConsentBadge status={contact.analytics_consent} />}
    />
    <ProfileRow
      label="Email marketing"
      value={<ConsentBadge status={contact.email_marketing_consent} />}
    />
  </ProfileSubsection>
)
