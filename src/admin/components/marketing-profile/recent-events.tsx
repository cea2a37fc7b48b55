import { Text } from "@medusajs/ui"
import { EventItem } from "../event-item"
import type { MarketingEvent } from "../../lib/types"
import { ProfileSubsection } from "./profile-subsection"

export const RECENT_EVENTS_LIMIT = 5

export const RecentEvents = ({
  events,
  total,
}: {
  events: MarketingEvent[] | undefined
  total?: number
}) => {
  const recent = (events ?? []).slice(0, RECENT_EVENTS_LIMIT)

  return (
    <ProfileSubsection title="Recent activity" testId="marketing-profile-events">
      {recent.length === 0 ? (
        <div className="px-6 py-2 pb-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            No events recorded yet.
          </Text>
        </div>
      ) : (
        <ol>
          {recent.map((event) => (
            <EventItem key={event.id} event={event} className="py-2" />
          ))}
        </ol>
      )}
      {total !== undefined && total > recent.length ? (
        <div className="px-6 pb-4">
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
            {total - recent.length} older{" "}
            {total - recent.length === 1 ? "event" : "events"} on the contact page
          </Text>
        </div>
      ) : null}
    </ProfileSubsection>
  )
}
