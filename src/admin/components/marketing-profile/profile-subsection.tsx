import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { TextLink } from "../list-item"
import { SectionStates } from "../section-states"

/** A titled block inside the marketing profile widget. */
export const ProfileSubsection = ({
  title,
  children,
  testId,
}: {
  title: string
  children: ReactNode
  testId?: string
}) => (
  <div className="flex flex-col" data-testid={testId}>
    <div className="px-6 pb-1 pt-4">
      <Text size="small" leading="compact" weight="plus" className="text-ui-fg-base">
        {title}
      </Text>
    </div>
    {children}
  </div>
)

/** A compact label/value row for the widget. */
export const ProfileRow = ({
  label,
  value,
}: {
  label: string
  value: ReactNode
}) => (
  <div className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-2">
    <Text size="small" leading="compact">
      {label}
    </Text>
    {value === null || value === undefined || value === "" ? (
      <Text size="small" leading="compact">
        -
      </Text>
    ) : typeof value === "string" ? (
      <Text size="small" leading="compact" className="text-ui-fg-base break-words">
        {value}
      </Text>
    ) : (
      <div className="flex min-w-0 flex-wrap items-center gap-1">{value}</div>
    )}
  </div>
)

/** A block of the widget listing what a query returned (`ProfileLinkRow`s), with its loading, error and empty states. */
export const ProfileList = ({
  title,
  testId,
  query,
  what,
  isEmpty,
  empty,
  children,
}: {
  title: string
  testId: string
  query: { isPending?: boolean; isError?: boolean; error?: (Error & { status?: number }) | null }
  /** What failed to load. */
  what: string
  isEmpty: boolean
  empty: string
  children: ReactNode
}) => (
  <ProfileSubsection title={title} testId={testId}>
    <SectionStates
      isPending={query.isPending}
      isError={query.isError}
      error={query.error}
      what={what}
      isEmpty={isEmpty}
      empty={empty}
      skeleton={[200]}
      density="compact"
    >
      <ul className="pb-2">{children}</ul>
    </SectionStates>
  </ProfileSubsection>
)

/** One item of a `ProfileList`: a link (left) and a line about it (right). Other props (test ids, data attributes) go on the `<li>`. */
export const ProfileLinkRow = ({
  to,
  label,
  detail,
  detailTitle,
  detailTestId,
  ...rest
}: {
  to: string
  label: ReactNode
  detail: ReactNode
  detailTitle?: string
  detailTestId?: string
  "data-testid"?: string
  [data: `data-${string}`]: string | undefined
}) => (
  <li className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-2" {...rest}>
    <TextLink to={to} className="txt-compact-small">
      {label}
    </TextLink>
    <Text size="small" leading="compact" className="text-ui-fg-base truncate" title={detailTitle} data-testid={detailTestId}>
      {detail}
    </Text>
  </li>
)
