import { Skeleton, Text, clx } from "@medusajs/ui"
import type { ReactNode } from "react"
import { SelectInput } from "./select-input"

const PADDING = {
  default: "px-6 py-4",
  compact: "px-6 py-2 pb-4",
  inline: "",
}

type EmptyState = string | { heading: string; description: string }

type SectionStatesProps = {
  /** Left out for a list already at hand. */
  isPending?: boolean
  isError?: boolean
  error?: (Error & { status?: number }) | null
  /** What failed to load, e.g. "the timeline". */
  what: string
  /** Shown instead of the error when the server has no such route (404). */
  notFound?: string
  isEmpty: boolean
  /** A line, or a heading and description for a full-width list. */
  empty: EmptyState
  /** Skeleton line widths (px). */
  skeleton?: number[]
  /** "compact" for the blocks of the customer widget, "inline" inside a padded block. */
  density?: "default" | "compact" | "inline"
  /** The list, once there is something to show. */
  children: ReactNode
}

/** A section's loading, error and empty states, else its list. */
export const SectionStates = ({
  isPending = false,
  isError = false,
  error,
  what,
  notFound,
  isEmpty,
  empty,
  skeleton = [200, 160],
  density = "default",
  children,
}: SectionStatesProps) => {
  const large = typeof empty !== "string"
  const padding = PADDING[density]

  if (isPending) {
    return (
      <div className={clx("flex flex-col", large ? "gap-y-3" : "gap-y-2", padding)}>
        {skeleton.map((width, index) => (
          <Skeleton
            key={index}
            className={large ? "h-5" : "h-4"}
            style={{ width }}
          />
        ))}
      </div>
    )
  }
  if (isError) {
    const isMissing = notFound && error?.status === 404
    return (
      <div className={padding}>
        <Text
          size="small"
          leading={large ? undefined : "compact"}
          className={isMissing ? "text-ui-fg-subtle" : "text-ui-fg-error"}
        >
          {isMissing
            ? notFound
            : `The ${what} could not be loaded${error?.message ? `: ${error.message}` : "."}`}
        </Text>
      </div>
    )
  }
  if (isEmpty) {
    return typeof empty === "string" ? (
      <div className={padding}>
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {empty}
        </Text>
      </div>
    ) : (
      <div className="flex flex-col items-center justify-center px-6 py-8">
        <Text size="small" weight="plus">
          {empty.heading}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {empty.description}
        </Text>
      </div>
    )
  }
  return <>{children}</>
}

/** "3 events, newest first"; `fallback` until the count is known. */
export const countLabel = (
  count: number | undefined,
  [one, many]: [string, string],
  fallback: string
) =>
  count === undefined
    ? fallback
    : `${count} ${count === 1 ? one : many}, newest first`

/** A section's filter: "all" or one of `options`, in its header. */
export const SectionFilterSelect = ({
  label,
  value,
  onChange,
  allLabel,
  options,
}: {
  label: string
  value: string
  onChange: (value: string) => void
  allLabel: string
  options: { value: string; label: string }[]
}) => (
  <div className="w-[200px]">
    <SelectInput
      value={value}
      label={label}
      placeholder={allLabel}
      options={[{ value: SHOW_ALL, label: allLabel }, ...options]}
      onChange={onChange}
    />
  </div>
)

/** The value of `SectionFilterSelect` that filters nothing. */
export const SHOW_ALL = "all"

/** "4 older events on the contact page", under a widget block's latest items. */
export const OlderItemsNote = ({
  total,
  shown,
  noun: [one, many],
}: {
  total: number | undefined
  shown: number
  noun: [string, string]
}) =>
  total !== undefined && total > shown ? (
    <div className="px-6 pb-4">
      <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
        {total - shown} older {total - shown === 1 ? one : many} on the contact
        page
      </Text>
    </div>
  ) : null
