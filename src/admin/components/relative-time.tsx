import { Tooltip } from "@medusajs/ui"
import { formatDateTime, formatRelativeTime } from "../lib/format"

type RelativeTimeProps = {
  date: string | null | undefined
  className?: string
}

/** "5 minutes ago", with the exact date and time on hover. */
export const RelativeTime = ({ date, className }: RelativeTimeProps) => {
  if (!date) {
    return <span className={className}>-</span>
  }

  return (
    <Tooltip content={formatDateTime(date)}>
      <time dateTime={date} className={className}>
        {formatRelativeTime(date)}
      </time>
    </Tooltip>
  )
}
