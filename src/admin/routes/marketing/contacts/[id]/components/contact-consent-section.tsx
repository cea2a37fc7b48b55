import { Container, Text } from "@medusajs/ui"
import { ConsentBadge } from "../../../../../components/consent-badge"
import { RelativeTime } from "../../../../../components/relative-time"
import { ItemHeader } from "../../../../../components/list-item"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionRow } from "../../../../../components/section-row"
import { SectionStates } from "../../../../../components/section-states"
import { useContactConsentRecords } from "../../../../../hooks/api/contacts"
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

/** Each email marketing consent change: what, how, when and from where. */
const ConsentHistory = ({ contactId }: { contactId: string }) => {
  const query = useContactConsentRecords(contactId)

  // A server without consent records (404) shows the current state only.
  if (query.isError && query.error?.status === 404) {
    return null
  }

  const records = [...(query.consent_records ?? [])].sort(
    (a, b) => new Date(b.occurred_at).getTime() - new Date(a.occurred_at).getTime()
  )

  return (
    <div className="flex flex-col gap-y-2 px-6 py-4" data-testid="marketing-contact-consent-history">
      <Text size="small" leading="compact" weight="plus" className="text-ui-fg-subtle">
        Email consent history
      </Text>
      <SectionStates
        {...query}
        what="consent history"
        isEmpty={!records.length}
        empty="No consent was recorded yet."
        density="inline"
      >
        <ol className="flex flex-col gap-y-3">
          {records.map((record) => (
            <li
              key={record.id}
              className="flex flex-col gap-y-1"
              data-testid="marketing-contact-consent-record"
              data-status={record.status}
            >
              <ItemHeader date={record.occurred_at} muted size="xsmall">
                <ConsentBadge status={record.status} />
              </ItemHeader>
              <Text size="xsmall" leading="compact" className="text-ui-fg-subtle break-words">
                Via {humanize(record.source).toLowerCase()}
                {record.ip_address ? ` · IP ${record.ip_address}` : ""}
              </Text>
              {record.user_agent ? (
                <Text
                  size="xsmall"
                  leading="compact"
                  className="text-ui-fg-muted truncate"
                  title={record.user_agent}
                >
                  {record.user_agent}
                </Text>
              ) : null}
            </li>
          ))}
        </ol>
      </SectionStates>
    </div>
  )
}

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
    <ConsentHistory contactId={contact.id} />
  </Container>
)
