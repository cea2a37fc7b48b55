import { Text, clx } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import { RelativeTime } from "./relative-time"

/** "2 hours ago" at the right of a list item. */
export const ItemTime = ({
  date,
  muted,
  size = "small",
}: {
  date: string | null | undefined
  muted?: boolean
  size?: "small" | "xsmall"
}) => (
  <Text
    size={size}
    leading="compact"
    className={clx(
      "shrink-0",
      muted ? "text-ui-fg-muted" : "text-ui-fg-subtle"
    )}
  >
    <RelativeTime date={date} />
  </Text>
)

/** A list item's first line: what (left) and when (right). */
export const ItemHeader = ({
  date,
  muted,
  size,
  children,
}: {
  date: string | null | undefined
  muted?: boolean
  size?: "small" | "xsmall"
  children: ReactNode
}) => (
  <div className="flex items-center justify-between gap-x-4">
    {children}
    <ItemTime date={date} muted={muted} size={size} />
  </div>
)

/** One line of a section's list: what (left) and when (right). */
export const DatedRow = ({
  date,
  muted,
  children,
}: {
  date: string | null | undefined
  muted?: boolean
  children: ReactNode
}) => (
  <li className="flex items-center justify-between gap-x-4 px-6 py-3">
    {children}
    <ItemTime date={date} muted={muted} />
  </li>
)

/** A link in a section's text, styled as the dashboard's. */
export const TextLink = ({
  to,
  children,
  className,
  ...rest
}: {
  to: string
  children: ReactNode
  className?: string
  title?: string
  "data-testid"?: string
}) => (
  <Link
    to={to}
    className={clx(
      "text-ui-fg-interactive hover:text-ui-fg-interactive-hover transition-fg truncate",
      className ?? "txt-compact-small-plus"
    )}
    {...rest}
  >
    {children}
  </Link>
)
