import { useMemo, useState } from "react"
import { EventItem } from "../../../../../components/event-item"
import { useContactEvents } from "../../../../../hooks/api/contacts"
import {
  FILTERABLE_EVENT_TYPES,
  getEventTypeLabel,
} from "../../../../../lib/events"
import type {
  ContactEventListResponse,
  MarketingEvent,
} from "../../../../../lib/types"
import { HistorySection } from "../../../../../components/history-section"
import {
  SHOW_ALL,
  SectionFilterSelect,
} from "../../../../../components/section-states"

const PAGE_SIZE = 20

type ContactTimelineSectionProps = {
  contactId: string
  /** The newest events from the contact detail response. */
  initialEvents?: MarketingEvent[]
  initialCount?: number
}

/** Everything the contact did, newest first, 20 at a time. */
export const ContactTimelineSection = ({
  contactId,
  initialEvents,
  initialCount,
}: ContactTimelineSectionProps) => {
  const [type, setType] = useState<string>(SHOW_ALL)
  const typeFilter = type === SHOW_ALL ? undefined : type

  // The detail response holds the first page of the unfiltered timeline.
  const initialPage: ContactEventListResponse | undefined =
    !typeFilter && initialEvents && initialCount !== undefined
      ? {
          events: initialEvents.slice(0, PAGE_SIZE),
          count: initialCount,
          offset: 0,
          limit: PAGE_SIZE,
        }
      : undefined

  const timeline = useContactEvents(
    contactId,
    { limit: PAGE_SIZE, type: typeFilter },
    { initialPage }
  )
  // Known types, plus any other type this contact has (e.g. custom events).
  const typeOptions = useMemo(() => {
    const seen = (initialEvents ?? []).map((event) => event.type)
    return Array.from(new Set([...FILTERABLE_EVENT_TYPES, ...seen])).map(
      (option) => ({ value: option, label: getEventTypeLabel(option) })
    )
  }, [initialEvents])

  return (
    <HistorySection
      title="Timeline"
      testId="marketing-contact-timeline"
      noun={["event", "events"]}
      placeholder="Events, newest first"
      filter={
        <SectionFilterSelect
          label="Event type"
          value={type}
          onChange={setType}
          allLabel="All events"
          options={typeOptions}
        />
      }
      query={timeline}
      items={timeline.events}
      empty={{
        heading: "No events",
        description: typeFilter
          ? "This contact has no events of this type."
          : "Nothing has been recorded for this contact yet.",
      }}
    >
      {(event) => <EventItem key={event.id} event={event} expandable />}
    </HistorySection>
  )
}
