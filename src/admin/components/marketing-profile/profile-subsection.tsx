import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"

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
