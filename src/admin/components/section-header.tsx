import { Heading, Text, clx } from "@medusajs/ui"
import type { ReactNode } from "react"

type SectionHeaderProps = {
  title: string
  description?: ReactNode
  actions?: ReactNode
  level?: "h1" | "h2" | "h3"
  /** Puts the actions under the title on narrow screens (filters). */
  wrap?: boolean
}

/** Title row of a section, as in Medusa's own detail pages. */
export const SectionHeader = ({
  title,
  description,
  actions,
  level = "h2",
  wrap = false,
}: SectionHeaderProps) => (
  <div
    className={clx(
      "flex justify-between px-6 py-4",
      wrap
        ? "flex-col items-start gap-2 md:flex-row md:items-center"
        : "items-center gap-x-4"
    )}
  >
    <div className={clx("flex flex-col", { "min-w-0": !wrap })}>
      <Heading level={level}>{title}</Heading>
      {description ? (
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {description}
        </Text>
      ) : null}
    </div>
    {actions ? (
      wrap ? (
        actions
      ) : (
        <div className="flex shrink-0 items-center gap-x-2">{actions}</div>
      )
    ) : null}
  </div>
)
