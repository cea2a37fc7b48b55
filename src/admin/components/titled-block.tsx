import { Text, clx } from "@medusajs/ui"
import type { ReactNode } from "react"

/** A small title and, under it, a line on what follows. */
export const BlockHeading = ({ title, description }: { title: string; description: ReactNode }) => (
  <div className="flex flex-col">
    <Text size="small" leading="compact" weight="plus">
      {title}
    </Text>
    <Text size="small" leading="compact" className="text-ui-fg-subtle">
      {description}
    </Text>
  </div>
)

/**
 * A part of a section with a small title and a line on what it shows or sets
 * (a chart, a group of settings), padded like Medusa's section rows.
 */
export const TitledBlock = ({
  title,
  description,
  className,
  children,
}: {
  title: string
  description: string
  className?: string
  children: ReactNode
}) => (
  <div className={clx("flex min-w-0 flex-col px-6 py-4", className ?? "gap-y-3")}>
    <BlockHeading title={title} description={description} />
    {children}
  </div>
)
