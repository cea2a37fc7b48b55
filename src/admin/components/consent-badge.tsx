import { StatusBadge } from "@medusajs/ui"
import type { ConsentStatus } from "../lib/types"

const CONSENT: Record<
  ConsentStatus,
  { label: string; color: "green" | "red" | "orange" | "grey" }
> = {
  granted: { label: "Granted", color: "green" },
  pending: { label: "Pending", color: "orange" },
  denied: { label: "Denied", color: "red" },
  unknown: { label: "Unknown", color: "grey" },
}

/** Consent status: granted, denied, pending (awaiting confirmation), or unknown (never given). */
export const ConsentBadge = ({
  status,
}: {
  status: ConsentStatus | null | undefined
}) => {
  const { label, color } = CONSENT[status ?? "unknown"] ?? CONSENT.unknown
  return <StatusBadge color={color}>{label}</StatusBadge>
}
