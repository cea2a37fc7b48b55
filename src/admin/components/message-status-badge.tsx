import { StatusBadge } from "@medusajs/ui"
import { humanize } from "../lib/format"
import type { MessageStatus } from "../lib/types"

type Color = "green" | "red" | "orange" | "blue" | "grey"

const STATUS: Record<string, { label: string; color: Color }> = {
  queued: { label: "Queued", color: "blue" },
  sent: { label: "Sent", color: "green" },
  failed: { label: "Failed", color: "red" },
  bounced: { label: "Bounced", color: "red" },
  complained: { label: "Marked as spam", color: "orange" },
  suppressed: { label: "Suppressed", color: "grey" },
}

/** Where an email is: queued, sent, failed, bounced, complained or suppressed. */
export const MessageStatusBadge = ({ status }: { status: MessageStatus }) => {
  const { label, color } = STATUS[status] ?? {
    label: humanize(status),
    color: "grey",
  }
  return <StatusBadge color={color}>{label}</StatusBadge>
}
