import { Badge } from "@medusajs/ui"
import { getEventTypeColor, getEventTypeLabel } from "../lib/events"

export const EventTypeBadge = ({ type }: { type: string }) => (
  <Badge size="2xsmall" color={getEventTypeColor(type)} title={type}>
    {getEventTypeLabel(type)}
  </Badge>
)
