import { Text, clx } from "@medusajs/ui"
import type { ReactNode } from "react"

type SectionRowProps = {
  title: string
  value?: ReactNode
  /** Monospace for ids and codes. */
  mono?: boolean
}

/** A label and its value, two columns wide; "-" when there is no value. */
export const SectionRow = ({ title, value, mono }: SectionRowProps) => {
  const isEmpty = value === null || value === undefined || value === ""
  const isText = typeof value === "string" || typeof value === "number"

  return (
    <div className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-4">
      <Text size="small" leading="compact" weight="plus">
        {title}
      </Text>
      {isEmpty || isText ? (
        <Text
          size="small"
          leading="compact"
          className={clx("break-words", { "font-mono": mono && !isEmpty })}
        >
          {isEmpty ? "-" : value}
        </Text>
      ) : (
        <div className="flex min-w-0 flex-wrap items-center gap-1">{value}</div>
      )}
    </div>
  )
}

/** A small grey title between a section's rows. */
export const SectionGroup = ({ title }: { title: string }) => (
  <div className="bg-ui-bg-subtle px-6 py-2">
    <Text size="xsmall" leading="compact" weight="plus" className="text-ui-fg-muted">
      {title}
    </Text>
  </div>
)
