import { Container, Text } from "@medusajs/ui"
import { ItemHeader } from "../../../../../components/list-item"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionGroup, SectionRow } from "../../../../../components/section-row"
import { SectionStates } from "../../../../../components/section-states"
import { useContactSessions } from "../../../../../hooks/api/contacts"
import { channelLabel } from "../../../../../lib/channels"
import { formatDateTime, formatEngaged } from "../../../../../lib/format"

/** Sessions, engaged time and the time spent per category (from the tracker's engaged time). */
export const ContactSessionsSection = ({ contactId }: { contactId: string }) => {
  const query = useContactSessions(contactId)
  const data = query.sessions ? query : undefined
  const sessions = data?.sessions ?? []
  const categories = data?.top_categories ?? []
  const most = Math.max(1, ...categories.map((c) => c.engaged_ms))

  return (
    <Container className="divide-y p-0" data-testid="marketing-contact-sessions">
      <SectionHeader title="Sessions" description="Visits to the storefront and the time spent engaged" />
      <SectionStates
        isPending={query.isPending}
        isError={query.isError}
        error={query.error}
        what="sessions"
        isEmpty={!data || data.sessions_count === 0}
        empty="No storefront session yet."
      >
        <SectionRow title="Sessions" value={data?.sessions_count} />
        <SectionRow title="Engaged time" value={data?.engaged_ms != null ? formatEngaged(data.engaged_ms) : null} />
        <SectionRow
          title="Per session"
          value={data?.average_engaged_ms != null ? formatEngaged(data.average_engaged_ms) : null}
        />
        <SectionRow title="Last session" value={formatDateTime(data?.last_session_at)} />
        <SectionGroup title="Time spent per category" />
        {categories.length === 0 ? (
          <Text size="small" leading="compact" className="text-ui-fg-muted px-6 py-4">
            No time on product or category pages yet.
          </Text>
        ) : (
          <ul className="flex flex-col gap-y-2 px-6 py-4" data-testid="marketing-contact-category-time">
            {categories.map((c) => (
              <li key={c.category} className="flex flex-col gap-y-1">
                <div className="flex items-center justify-between gap-x-2">
                  <Text size="small" leading="compact" className="truncate">
                    {c.category}
                  </Text>
                  <Text size="small" leading="compact" className="text-ui-fg-muted shrink-0">
                    {formatEngaged(c.engaged_ms)}
                  </Text>
                </div>
                <div className="bg-ui-bg-component h-1.5 w-full rounded-full" aria-hidden>
                  <div
                    className="bg-ui-fg-interactive h-1.5 rounded-full"
                    style={{ width: `${Math.round((c.engaged_ms / most) * 100)}%` }}
                  />
                </div>
              </li>
            ))}
          </ul>
        )}
        <SectionGroup title="Latest sessions" />
        <ol className="divide-y">
          {sessions.slice(0, 10).map((s) => (
            <li key={s.id} className="flex flex-col gap-y-1 px-6 py-3">
              <ItemHeader date={s.started_at}>
                <Text size="small" leading="compact" weight="plus">
                  {s.pages} {s.pages === 1 ? "page" : "pages"} · {formatEngaged(s.engaged_ms)} engaged ·{" "}
                  {formatEngaged(s.duration_ms)} long
                </Text>
              </ItemHeader>
              <Text size="small" leading="compact" className="text-ui-fg-muted break-words">
                {[s.channel ? channelLabel(s.channel) : null, s.utm_campaign, s.landing_page].filter(Boolean).join(" · ")}
              </Text>
            </li>
          ))}
        </ol>
      </SectionStates>
    </Container>
  )
}
