import { Container, Text } from "@medusajs/ui"
import { ConsentBadge } from "../../../../../components/consent-badge"
import { RelativeTime } from "../../../../../components/relative-time"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionRow } from "../../../../../components/section-row"
import { humanize } from "../../../../../lib/format"
import type { ConsentStatus, Contact } from "../../../../../lib/types"

const ConsentValue = ({
  status,
  source,
  at,
}: {
  status: ConsentStatus
  source: string | null
  at: string | null
}) => (
  <div className="flex flex-col items-start gap-y-1">
    <ConsentBadge status={status} />
    {source || at ? (
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
        {source ? `Via ${humanize(source).toLowerCase()}` : null}
        {source && at ? " · " : null}
        {at ? <RelativeTime date={at} /> : null}
      </Text>
    ) : null}
  </div>
)

export const ContactConsentSection = ({ contact }: { contact: Contact }) => (
  <Container className="divide-y p-0" data-testid="marketing-contact-consent">
    <SectionHeader title="Consent" />
    <SectionRow
      title="Analytics"
      value={
        <ConsentValue
          status={contact.analytics_consent}
          source={contact.analytics_consent_source}
          at={contact.analytics_consent_at}
        />
      }
    />
    <SectionRow
      title="Email marketing"
      value={
        <ConsentValue
          status={contact.email_marketing_consent}
          source={contact.email_marketing_consent_source}
          at={contact.email_marketing_consent_at}
        />
      }
    />
  </Container>
)
