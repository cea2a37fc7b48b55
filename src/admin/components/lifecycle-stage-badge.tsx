import { Badge } from "@medusajs/ui"
import {
  getLifecycleStageColor,
  getLifecycleStageLabel,
} from "../lib/scoring"

/** Where the contact stands: lead, marketing qualified, customer, VIP… */
export const LifecycleStageBadge = ({
  stage,
}: {
  stage: string | null | undefined
}) =>
  stage ? (
    <Badge
      size="2xsmall"
      color={getLifecycleStageColor(stage)}
      data-stage={stage}
    >
      {getLifecycleStageLabel(stage)}
    </Badge>
  ) : null
