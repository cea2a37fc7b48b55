import { Badge } from "@medusajs/ui"
import { getRfmGroupColor } from "../lib/scoring"

/** The customer's RFM group: Champions, Loyal, At risk… */
export const RfmGroupBadge = ({
  group,
}: {
  group: string | null | undefined
}) =>
  group ? (
    <Badge size="2xsmall" color={getRfmGroupColor(group)}>
      {group}
    </Badge>
  ) : null
