import { StatusBadge } from "@medusajs/ui"
import type { FormStatus } from "../../../../lib/forms"

const STATUS: Record<FormStatus, { label: string; color: "green" | "orange" | "grey" }> = {
  active: { label: "Active", color: "green" },
  paused: { label: "Paused", color: "orange" },
  draft: { label: "Draft", color: "grey" },
}

export const FormStatusBadge = ({ status }: { status: FormStatus }) => (
  <StatusBadge color={STATUS[status]?.color ?? "grey"} data-testid="form-status">
    {STATUS[status]?.label ?? status}
  </StatusBadge>
)
