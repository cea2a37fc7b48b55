import { hasTouch, Touch } from "../reports/channels"
import type { ContactProfilePatch, PreparedEvent } from "./types"
import { parseUserAgent } from "./user-agent"

/** A storefront event as the store route accepts it (after validation). */
export type StorefrontEvent = {
  type: string
  anonymous_id: string
  properties: Record<string, unknown>
  occurred_at?: string
  session_id?: string
  idempotency_key?: string
  consent?: { analytics?: boolean; advertising?: boolean }
  context?: {
    page_url?: string
    referrer?: string
    user_agent?: string
    locale?: string
    timezone?: string
    utm?: { source?: string; medium?: string; campaign?: string }
  }
}

export type PrepareContext = {
  /** The logged-in customer whose token came with the request. */
  customer_id?: string | null
  /** The request's User-Agent header, used when the event has none. */
  user_agent?: string | null
  /** The request's IP address: kept only as proof on email consent records. */
  ip?: string | null
  received_at: string
  maxEventAgeHours: number
}

/**
 * Consent sources only the plugin and the admin may record (they skip double
 * opt-in or lift suppressions); a storefront claiming one is recorded as "storefront".
 */
export const PLUGIN_CONSENT_SOURCES = [
  "admin",
  /** A signup form of the plugin's (POST /store/marketing/forms/:id/submissions), with its consent text as proof. */
  "form",
  "import",
  "double_opt_in",
  "preferences",
  "unsubscribe_link",
  "list_unsubscribe",
  "sendgrid",
  "smtp",
]

const IDENTIFY_FIELDS = [
  "first_name",
  "last_name",
  "phone",
  "city",
  "locale",
  "timezone",
  "age_band",
  "gender",
  "occupation",
  "company",
  "industry",
  "job_title",
] as const

/**
 * Client clocks are not trusted: an event is never in the future, and never
 * older than the configured age (an offline queue flushed late).
 */
export function clampTimestamp(occurredAt: string | undefined, receivedAt: string, maxAgeHours: number): string {
  const received = Date.parse(receivedAt)
  const parsed = occurredAt ? Date.parse(occurredAt) : NaN
  if (Number.isNaN(parsed) || parsed > received) {
    return new Date(received).toISOString()
  }
  const oldest = received - maxAgeHours * 3600_000
  return new Date(Math.max(parsed, oldest)).toISOString()
}

function hostOf(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}

/** Turns validated storefront events into rows and profile patches. */
export function prepareStorefrontEvents(events: StorefrontEvent[], ctx: PrepareContext): PreparedEvent[] {
  return events.map((event) => {
    const occurred_at = clampTimestamp(event.occurred_at, ctx.received_at, ctx.maxEventAgeHours)
    const context = event.context ?? {}
    const profile: ContactProfilePatch = {}

    const tech = parseUserAgent(context.user_agent ?? ctx.user_agent)
    if (tech) {
      profile.device_type = tech.device_type
      profile.os = tech.os
      profile.browser = tech.browser
    }
    if (context.utm?.source) profile.utm_source = context.utm.source.toLowerCase()
    if (context.utm?.medium) profile.utm_medium = context.utm.medium.toLowerCase()
    if (context.utm?.campaign) profile.utm_campaign = context.utm.campaign
    // Only a referrer from another site says where the visitor came from.
    if (context.referrer && hostOf(context.referrer) !== hostOf(context.page_url)) {
      profile.referrer = context.referrer
    }
    if (context.page_url) profile.landing_page = context.page_url
    // The touch: classified at ingest, where the owner's channel mappings are at hand.
    const touch: Touch = {
      utm_source: context.utm?.source ?? null,
      utm_medium: context.utm?.medium ?? null,
      utm_campaign: context.utm?.campaign ?? null,
      referrer: context.referrer ?? null,
      landing_page: context.page_url ?? null,
      store_host: hostOf(context.page_url) ?? null,
    }
    if (context.locale) profile.locale = context.locale
    if (context.timezone) profile.timezone = context.timezone

    const props = event.properties ?? {}
    if (typeof props.cart_id === "string") profile.cart_id = props.cart_id

    if (event.type === "identify") {
      if (typeof props.email === "string") profile.email = props.email.trim().toLowerCase()
      for (const field of IDENTIFY_FIELDS) {
        const value = props[field]
        if (typeof value === "string" && value.trim()) profile[field] = value.trim()
      }
      if (typeof props.country_code === "string") profile.country_code = props.country_code.toLowerCase()
      if (typeof props.birth_date === "string") profile.birth_date = new Date(props.birth_date).toISOString()
      if (typeof props.email_marketing_consent === "boolean") {
        profile.email_marketing_consent = {
          status: props.email_marketing_consent ? "granted" : "denied",
          // The storefront may say where on the site (a form, the checkout), never claim a
          // source the plugin trusts more (an admin, an import, a double opt-in click).
          source:
            typeof props.consent_source === "string" && !PLUGIN_CONSENT_SOURCES.includes(props.consent_source)
              ? props.consent_source
              : "storefront",
          at: occurred_at,
          ip: ctx.ip ?? null,
          user_agent: context.user_agent ?? ctx.user_agent ?? null,
        }
      }
    }
    if (typeof event.consent?.analytics === "boolean") {
      profile.analytics_consent = {
        status: event.consent.analytics ? "granted" : "denied",
        source: "storefront",
        at: occurred_at,
      }
    }
    if (typeof event.consent?.advertising === "boolean") {
      profile.advertising_consent = {
        status: event.consent.advertising ? "granted" : "denied",
        source: "storefront",
        at: occurred_at,
      }
    }

    return {
      type: event.type,
      anonymous_id: event.anonymous_id,
      customer_id: ctx.customer_id ?? null,
      // A customer's token comes from a login: the customer has an account.
      customer_has_account: ctx.customer_id ? true : undefined,
      properties: props,
      occurred_at,
      received_at: ctx.received_at,
      session_id: event.session_id ?? null,
      source: "storefront",
      idempotency_key: event.idempotency_key ?? null,
      analytics_consent: event.consent?.analytics,
      profile,
      ...(hasTouch(touch) ? { touch } : {}),
      ...(context.page_url ? { visit: true } : {}),
    }
  })
}
