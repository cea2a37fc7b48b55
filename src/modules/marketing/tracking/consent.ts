import type { ConsentStatus } from "./types"

export type ConsentPolicy = {
  requireOptIn: boolean
  strictlyNecessaryEvents: string[]
}

/**
 * Whether analytics consent allows storing a behavioural event. The event's
 * own flag wins (it is the shopper's latest word), then what the contact
 * said before, then the store's policy.
 */
export function analyticsAllowed(
  policy: ConsentPolicy,
  eventFlag: boolean | undefined,
  stored: ConsentStatus | undefined
): boolean {
  if (eventFlag !== undefined) {
    return eventFlag
  }
  if (stored === "granted") {
    return true
  }
  if (stored === "denied") {
    return false
  }
  return !policy.requireOptIn
}

/**
 * Events the plugin stores whatever the analytics consent: a signup form's
 * submission is what the visitor typed in and sent themselves, like `identify`,
 * and flows start from it.
 */
export const ALWAYS_NECESSARY_EVENTS = ["form_submitted"]

export function isStrictlyNecessary(policy: ConsentPolicy, type: string): boolean {
  return policy.strictlyNecessaryEvents.includes(type) || ALWAYS_NECESSARY_EVENTS.includes(type)
}

/** Profile fields that describe behaviour; dropped when analytics consent is missing. */
export const BEHAVIOURAL_PROFILE_FIELDS = [
  "device_type",
  "os",
  "browser",
  "utm_source",
  "utm_medium",
  "utm_campaign",
  "referrer",
  "landing_page",
  "first_channel",
  "last_channel",
] as const
