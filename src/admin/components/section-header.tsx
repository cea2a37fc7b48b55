import { Heading, Text } from "@medusajs/ui"
import type { ReactNode } from "react"

type SectionHeaderProps = {
  title: string
  description?: ReactNode
  actions?: ReactNode
  level?: "h1" | "h2" | "h3"
}

/** Title row of a section, as in Medusa's own detail pages. */
export const SectionHeader = ({
  title,
  description,
  actions,
  level = "h2",
}: SectionHeaderProps) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4">
    <div className="flex min-w-0 flex-col">
      <Heading level={level}>{title}</Heading>
      {description ? (
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          {description}
        </Text>
      ) : null}
    </div>
    {actions ? (
      <div className="flex shrink-0 items-center gap-x-2">{actions}</div>
    ) : null}
  </div>
)
