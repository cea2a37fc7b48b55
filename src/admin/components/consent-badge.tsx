import { StatusBadge } from "@medusajs/ui"
import type { ConsentStatus } from "../lib/types"

const CONSENT: Record<
  ConsentStatus,
  { label: string; color: "green" | "red" | "grey" }
> = {
  granted: { label: "Granted", color: "green" },
  denied: { label: "Denied", color: "red" },
  unknown: { label: "Unknown", color: "grey" },
}

/** Consent status: granted, denied, or unknown (never given). */
export const ConsentBadge = ({
  status,
}: {
  status: ConsentStatus | null | undefined
}) => {
  const { label, color } = CONSENT[status ?? "unknown"] ?? CONSENT.unknown
  return <StatusBadge color={color}>{label}</StatusBadge>
}
