import { StatusBadge } from "@medusajs/ui"
import { FLOW_STATUS_COLORS, FLOW_STATUS_LABELS } from "../../../../lib/flows"
import type { FlowStatus } from "../../../../lib/types"

export const FlowStatusBadge = ({ status }: { status: FlowStatus }) => (
  <StatusBadge color={FLOW_STATUS_COLORS[status]} data-testid="flow-status" data-status={status}>
    {FLOW_STATUS_LABELS[status]}
  </StatusBadge>
)
