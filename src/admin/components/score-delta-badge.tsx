import { Badge } from "@medusajs/ui"
import { formatSigned } from "../lib/scoring"

/** Points added (green) or taken away (red): "+5", "−3". */
export const ScoreDeltaBadge = ({ delta }: { delta: number }) => (
  <Badge
    size="2xsmall"
    color={delta > 0 ? "green" : delta < 0 ? "red" : "grey"}
    className="font-mono"
  >
    {formatSigned(delta)}
  </Badge>
)
