import { Container, Text } from "@medusajs/ui"
import { TextLink } from "../../../../../components/list-item"
import { LoadMoreFooter } from "../../../../../components/load-more-footer"
import { MessageStatusBadge } from "../../../../../components/message-status-badge"
import { RelativeTime } from "../../../../../components/relative-time"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionStates } from "../../../../../components/section-states"
import { useMessages } from "../../../../../hooks/api/messages"
import { formatDateTime } from "../../../../../lib/format"
import type { Message } from "../../../../../lib/types"

const PAGE_SIZE = 10

const times = (count: number) => (count === 1 ? "once" : `${count} times`)

/** Opened and clicked, with how often and when first. */
const Engagement = ({ message }: { message: Message }) => {
  const parts: { label: string; title: string; testId: string }[] = []
  if (message.opened_at || message.open_count > 0) {
    parts.push({
      label: `Opened ${times(Math.max(message.open_count, 1))}`,
      title: `First opened ${formatDateTime(message.opened_at)}`,
      testId: "marketing-contact-email-opened",
    })
  }
  if (message.clicked_at || message.click_count > 0) {
    parts.push({
      label: `Clicked ${times(Math.max(message.click_count, 1))}`,
      title: `First clicked ${formatDateTime(message.clicked_at)}`,
      testId: "marketing-contact-email-clicked",
    })
  }
  if (!parts.length) {
    return message.status === "sent" ? (
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
        Not opened yet
      </Text>
    ) : null
  }
  return (
    <Text size="xsmall" leading="compact" className="text-ui-fg-subtle">
      {parts.map((part, index) => (
        <span key={part.testId} title={part.title} data-testid={part.testId}>
          {index ? " · " : ""}
          {part.label}
        </span>
      ))}
    </Text>
  )
}

/** The emails sent (or queued) to the contact, newest first. */
export const ContactEmailsSection = ({ contactId }: { contactId: string }) => {
  const emails = useMessages({ contact_id: contactId, limit: PAGE_SIZE })
  const { messages, count, isError } = emails

  return (
    <Container className="divide-y p-0" data-testid="marketing-contact-emails">
      <SectionHeader
        title="Emails"
        description={
          count !== undefined && !isError
            ? `${count} email${count === 1 ? "" : "s"}`
            : undefined
        }
      />
      <SectionStates
        {...emails}
        what="emails"
        notFound="Email history is not available on this server yet."
        isEmpty={!messages.length}
        empty="No email was sent to this contact yet."
      >
        <ul className="divide-y">
          {messages.map((message) => (
            <li
              key={message.id}
              className="flex flex-col gap-y-1 px-6 py-3"
              data-testid="marketing-contact-email"
              data-status={message.status}
            >
              <div className="flex items-start justify-between gap-x-4">
                <div className="flex min-w-0 flex-col">
                  {message.template_id ? (
                    <TextLink
                      to={`/marketing/templates/${message.template_id}`}
                      title="Open the template"
                    >
                      {message.subject || "(no subject)"}
                    </TextLink>
                  ) : (
                    <Text size="small" leading="compact" weight="plus" className="truncate">
                      {message.subject || "(no subject)"}
                    </Text>
                  )}
                  <Text size="xsmall" leading="compact" className="text-ui-fg-muted truncate">
                    To {message.email}
                    {message.kind === "transactional" ? " · Transactional" : ""}
                    {message.topic ? ` · ${message.topic}` : ""}
                  </Text>
                </div>
                <div className="flex shrink-0 flex-col items-end gap-y-1">
                  <MessageStatusBadge status={message.status} />
                  <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
                    <RelativeTime date={message.sent_at ?? message.queued_at} />
                  </Text>
                </div>
              </div>
              <Engagement message={message} />
              {message.error ? (
                <Text size="xsmall" leading="compact" className="text-ui-fg-error break-words">
                  {message.error}
                </Text>
              ) : null}
            </li>
          ))}
        </ul>
        <LoadMoreFooter {...emails} shown={messages.length} total={count} />
      </SectionStates>
    </Container>
  )
}
