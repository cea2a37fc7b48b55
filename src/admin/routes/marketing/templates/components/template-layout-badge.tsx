import { Badge } from "@medusajs/ui"
import { getLayoutLabel } from "../../../../lib/templates"
import type { TemplateLayout } from "../../../../lib/types"

const COLORS: Record<TemplateLayout, "green" | "purple" | "grey"> = {
  marketing: "green",
  internal: "purple",
  none: "grey",
}

/** Marketing (with the unsubscribe footer), internal (team emails) or none. */
export const TemplateLayoutBadge = ({ layout }: { layout: TemplateLayout }) => (
  <Badge size="2xsmall" color={COLORS[layout] ?? "grey"}>
    {getLayoutLabel(layout)}
  </Badge>
)
