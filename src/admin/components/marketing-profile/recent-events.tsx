import { EventItem } from "../event-item"
import { OlderItemsNote, SectionStates } from "../section-states"
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
      <SectionStates
        what="events"
        isEmpty={recent.length === 0}
        empty="No events recorded yet."
        density="compact"
      >
        <ol>
          {recent.map((event) => (
            <EventItem key={event.id} event={event} className="py-2" />
          ))}
        </ol>
      </SectionStates>
      <OlderItemsNote total={total} shown={recent.length} noun={["event", "events"]} />
    </ProfileSubsection>
  )
}
