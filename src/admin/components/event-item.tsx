import { TriangleDownMini, TriangleRightMini } from "@medusajs/icons"
import { Button, Text, clx } from "@medusajs/ui"
import { useId, useState } from "react"
import { getEventDetails } from "../lib/events"
import { formatDateTime, formatEventSource } from "../lib/format"
import type { MarketingEvent } from "../lib/types"
import { EventTypeBadge } from "./event-type-badge"
import { ItemHeader } from "./list-item"

type EventItemProps = {
  event: MarketingEvent
  /** Lets the reader open the event's full properties as JSON. */
  expandable?: boolean
  className?: string
}

/** One event: what happened, when, where from, and its key properties. */
export const EventItem = ({
  event,
  expandable = false,
  className,
}: EventItemProps) => {
  const [open, setOpen] = useState(false)
  const detailsId = useId()
  const details = getEventDetails(event)
  const hasProperties =
    !!event.properties && Object.keys(event.properties).length > 0

  return (
    <li
      className={clx("flex flex-col gap-y-2 px-6 py-4", className)}
      data-event-type={event.type}
    >
      <ItemHeader date={event.occurred_at}>
        <div className="flex min-w-0 items-center gap-x-2">
          <EventTypeBadge type={event.type} />
          <Text size="small" leading="compact" className="text-ui-fg-muted">
            {formatEventSource(event.source)}
          </Text>
        </div>
      </ItemHeader>

      {details.length > 0 && (
        <div className="flex flex-wrap gap-x-4 gap-y-1">
          {details.map((detail) => (
            <Text
              key={detail.label}
              size="small"
              leading="compact"
              className="text-ui-fg-base min-w-0 break-words"
            >
              <span className="text-ui-fg-muted">{detail.label}: </span>
              {detail.value}
            </Text>
          ))}
        </div>
      )}

      {expandable && (
        <div className="flex flex-col gap-y-2">
          <div>
            <Button
              type="button"
              variant="transparent"
              size="small"
              className="text-ui-fg-muted hover:text-ui-fg-subtle px-0"
              aria-expanded={open}
              aria-controls={detailsId}
              onClick={() => setOpen((value) => !value)}
            >
              {open ? <TriangleDownMini /> : <TriangleRightMini />}
              {open ? "Hide details" : "Show details"}
            </Button>
          </div>
          {open && (
            <div id={detailsId} className="flex flex-col gap-y-2">
              <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
                Occurred {formatDateTime(event.occurred_at)} · Received{" "}
                {formatDateTime(event.received_at)}
                {event.session_id ? ` · Session ${event.session_id}` : ""}
                {event.cart_id ? ` · Cart ${event.cart_id}` : ""}
              </Text>
              <pre className="bg-ui-bg-subtle text-ui-fg-subtle shadow-borders-base txt-compact-xsmall max-h-[400px] overflow-auto whitespace-pre-wrap break-all rounded-md p-3 font-mono">
                {hasProperties
                  ? JSON.stringify(event.properties, null, 2)
                  : "{}"}
              </pre>
            </div>
          )}
        </div>
      )}
    </li>
  )
}
