import { createHmac } from "crypto"

// No 0/O, 1/I/L: codes are read off emails and typed by hand.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

/**
 * The discount code of a step run: derived from its idempotency key, keyed by
 * the plugin's secret so codes cannot be guessed from enrolment ids. The same
 * key always gives the same code, so a retried run finds the promotion it
 * made instead of making a second one. 12 characters of a 31-letter
 * alphabet: about 59 bits.
 */
export function discountCode(idempotencyKey: string, secret: string, prefix = "MA-"): string {
  const digest = createHmac("sha256", secret).update(`discount:${idempotencyKey}`).digest()
  let code = ""
  for (let i = 0; i < 12; i++) code += ALPHABET[digest[i] % ALPHABET.length]
  return `${prefix}${code}`
}

/** When a code made at `now` stops working: `days` later (whole days, UTC). */
export function discountExpiry(now: Date, days: number): Date {
  return new Date(now.getTime() + days * 86_400_000)
}

export type DiscountDefinition = {
  kind: "percentage" | "fixed"
  value: number
  currency_code?: string
  expires_in_days: number
  min_subtotal?: number
}

/** What is wrong with a `create_discount` step's settings, field by field (empty when nothing). */
export function discountProblems(step: DiscountDefinition): string[] {
  const problems: string[] = []
  if (!(step.value > 0)) problems.push("value: must be greater than 0")
  if (step.kind === "percentage" && step.value > 100) problems.push("value: a percentage is at most 100")
  if (step.kind === "fixed" && !step.currency_code) problems.push("currency_code: required for a fixed amount")
  if (!Number.isInteger(step.expires_in_days) || step.expires_in_days < 1) {
    problems.push("expires_in_days: a whole number of days, at least 1")
  }
  if (step.min_subtotal !== undefined && !(step.min_subtotal >= 0)) problems.push("min_subtotal: must be 0 or more")
  return problems
}
