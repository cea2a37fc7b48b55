import { StatusBadge } from "@medusajs/ui"
import { ENROLLMENT_STATUS_COLORS, enrollmentStatusLabel } from "../lib/flows"
import type { EnrollmentStatus } from "../lib/types"

/** An enrollment's status: in the flow, completed, converted, exited or failed. */
export const EnrollmentStatusBadge = ({ status }: { status: EnrollmentStatus }) => (
  <StatusBadge
    color={ENROLLMENT_STATUS_COLORS[status] ?? "grey"}
    data-testid="enrollment-status"
    data-status={status}
  >
    {enrollmentStatusLabel(status)}
  </StatusBadge>
)
