import { Container, Heading, Select, Skeleton, Text } from "@medusajs/ui"
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
import { LoadMoreFooter } from "../../../../../components/load-more-footer"

const PAGE_SIZE = 20
const ALL_TYPES = "all"

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
  const [type, setType] = useState<string>(ALL_TYPES)
  const typeFilter = type === ALL_TYPES ? undefined : type

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

  const {
    events,
    count,
    isPending,
    isError,
    error,
    hasNextPage,
    fetchNextPage,
    isFetchingNextPage,
  } = useContactEvents(
    contactId,
    { limit: PAGE_SIZE, type: typeFilter },
    { initialPage }
  )

  // Known types, plus any other type this contact has (e.g. custom events).
  const typeOptions = useMemo(() => {
    const seen = (initialEvents ?? []).map((event) => event.type)
    return Array.from(new Set([...FILTERABLE_EVENT_TYPES, ...seen]))
  }, [initialEvents])

  return (
    <Container
      className="divide-y p-0"
      data-testid="marketing-contact-timeline"
    >
      <div className="flex flex-col items-start justify-between gap-2 px-6 py-4 md:flex-row md:items-center">
        <div className="flex flex-col">
          <Heading level="h2">Timeline</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {count === undefined
              ? "Events, newest first"
              : `${count} ${count === 1 ? "event" : "events"}, newest first`}
          </Text>
        </div>
        <div className="w-[200px]">
          <Select size="small" value={type} onValueChange={setType}>
            <Select.Trigger aria-label="Event type">
              <Select.Value placeholder="All events" />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={ALL_TYPES}>All events</Select.Item>
              {typeOptions.map((option) => (
                <Select.Item key={option} value={option}>
                  {getEventTypeLabel(option)}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>

      {isPending ? (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Skeleton className="h-5 w-[250px]" />
          <Skeleton className="h-5 w-[200px]" />
          <Skeleton className="h-5 w-[160px]" />
        </div>
      ) : isError ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            The timeline could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : events.length === 0 ? (
        <div className="flex flex-col items-center justify-center px-6 py-8">
          <Text size="small" weight="plus">
            No events
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {typeFilter
              ? "This contact has no events of this type."
              : "Nothing has been recorded for this contact yet."}
          </Text>
        </div>
      ) : (
        <ol className="divide-y">
          {events.map((event) => (
            <EventItem key={event.id} event={event} expandable />
          ))}
        </ol>
      )}

      {hasNextPage && !isPending && !isError ? (
        <LoadMoreFooter
          shown={events.length}
          total={count}
          isLoading={isFetchingNextPage}
          onLoadMore={() => fetchNextPage()}
        />
      ) : null}
    </Container>
  )
}
