import { z } from "@medusajs/framework/zod"
import proxyaddr from "proxy-addr"

export { CUSTOM_EVENT_PATTERN, STOREFRONT_EVENT_TYPES } from "./tracking/event-types"

const topicSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, "lowercase letters, digits, - and _"),
    label: z.string().min(1).max(100),
    description: z.string().max(300).optional(),
  })
  .strict()

export const DEFAULT_EMAIL_TOPICS = [
  { id: "newsletter", label: "Newsletter", description: "News and stories from the store" },
  { id: "offers", label: "Offers and promotions", description: "Discounts, sales and coupon codes" },
  { id: "recommendations", label: "Recommendations", description: "Products picked for you, reminders about your cart" },
]

export const emailOptionsSchema = z
  .object({
    /**
     * Signs the links in emails (tracking, unsubscribe, preferences, opt-in)
     * and keys the suppression hashes. At least 16 characters. Defaults to
     * MARKETING_EMAIL_SECRET, then COOKIE_SECRET: set it explicitly, and never
     * change it casually (old links stop working, erased addresses are no
     * longer recognised).
     */
    secret: z.string().min(16).optional(),
    /** The Medusa server's public URL: tracking, unsubscribe and preferences links point here. Defaults to MEDUSA_BACKEND_URL. */
    publicUrl: z.string().url().optional(),
    /** The storefront's URL: `store.url` in templates. Defaults to STOREFRONT_URL. */
    storefrontUrl: z.string().url().optional(),
    /** The sender, when the notification provider's own default is not wanted. */
    from: z.string().min(3).max(320).optional(),
    /** An address whose incoming mail means "unsubscribe" (the mailto in List-Unsubscribe). */
    unsubscribeMailto: z.string().email().optional(),
    /** Marketing email goes only to contacts who granted email consent (opt-in). */
    requireConsent: z.boolean().default(true),
    /** Consent given on the storefront is pending until the contact clicks the link in a confirmation email. */
    doubleOptIn: z.boolean().default(false),
    /** How long a double opt-in link stays valid, in hours. */
    confirmationLinkHours: z.number().int().min(1).max(24 * 30).default(72),
    /** Topics contacts can opt out of on the preferences page; a message may name one. */
    topics: z.array(topicSchema).max(50).default(DEFAULT_EMAIL_TOPICS),
    retry: z
      .object({
        /** Attempts in all, the first included. */
        maxAttempts: z.number().int().min(1).max(20).default(6),
        /** The first retry waits this long; each next one twice as long (with jitter), up to 6 hours. */
        baseDelaySeconds: z.number().int().min(1).max(3600).default(60),
      })
      .strict()
      .prefault({}),
    /** Messages handed to the provider at once by one dispatcher. */
    concurrency: z.number().int().min(1).max(500).default(100),
    /**
     * How long a dispatcher holds a message it is sending before another
     * instance may take it over (when the first died mid-send).
     */
    leaseSeconds: z.number().int().min(5).max(3600).default(300),
    /**
     * How long an attempt the provider never answered (its instance died
     * mid-send) counts as still in progress. Past that the message is sent
     * again with the same Message-ID: it may arrive twice, but it is not lost.
     */
    inFlightSeconds: z.number().int().min(5).max(24 * 3600).default(3600),
    /** Store branding for the marketing layout. The store's name comes from Medusa. */
    branding: z
      .object({
        logoUrl: z.string().url().optional(),
        primaryColor: z.string().max(30).optional(),
        address: z.string().max(300).optional(),
      })
      .strict()
      .prefault({}),
    webhooks: z
      .object({
        /** SendGrid's event-webhook verification key (base64 DER or PEM). Without it the SendGrid webhook answers 404. */
        sendgridPublicKey: z.string().min(40).optional(),
      })
      .strict()
      .prefault({}),
  })
  .strict()

const localTime = z.string().regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/, "HH:MM, 24-hour")

/** Message pressure and the flow runner. Times are in the contact's time zone (the scoring settings' zone when unknown). */
export const flowOptionsSchema = z
  .object({
    /** At most one marketing email per contact in this many hours, across flows (0: no cap). A flow may bypass it. */
    frequencyCapHours: z.number().min(0).max(24 * 30).default(16),
    /** No flow email in this local window (across midnight when start > end); null: none. */
    quietHours: z.object({ start: localTime, end: localTime }).strict().nullable().default({ start: "21:00", end: "08:00" }),
    /** Enrollments one runner claims at a time. */
    batchSize: z.number().int().min(1).max(1000).default(500),
    /** Batches one runner job takes at the same time (SKIP LOCKED keeps them apart): database and SMTP waits overlap. */
    concurrency: z.number().int().min(1).max(16).default(4),
    /**
     * Seconds a drain started by the minutely runner job keeps taking batches while full ones come back,
     * and waits for enrollments that come due (a tick that finds it going wakes it or leaves it be).
     */
    runSeconds: z.number().int().min(1).max(3600).default(300),
    /** How long a claimed enrollment is held before another runner may take it. */
    leaseSeconds: z.number().int().min(10).max(3600).default(120),
    /** Failed attempts at one step before the enrollment is marked failed. */
    maxAttempts: z.number().int().min(1).max(20).default(5),
    webhooks: z
      .object({
        /**
         * Let webhook steps post to private, loopback and link-local addresses
         * (an internal CRM on the store's network, or tests). Off by default: a
         * flow's URL could otherwise reach the server's own network (SSRF).
         */
        allowPrivateAddresses: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
  })
  .strict()

const bucketSchema = (perSecond: number, burst: number) =>
  z
    .object({
      /** Tokens added per second: the sustained rate. */
      perSecond: z.number().positive().max(1_000_000).default(perSecond),
      /** The bucket's size: how many requests may come at once after a quiet spell. */
      burst: z.number().int().min(1).max(10_000_000).default(burst),
    })
    .strict()
    .prefault({})

/**
 * Token buckets on the public routes (tracking, email links, webhooks). Over a
 * limit a request gets a 429 with Retry-After and writes nothing.
 */
export const rateLimitOptionsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Buckets shared by every instance through this Redis. Defaults to projectConfig.redisUrl; with neither, each instance counts alone. */
    redisUrl: z.string().min(1).optional(),
    keyPrefix: z.string().min(1).max(100).default("mma:rl:"),
    /**
     * Proxies whose X-Forwarded-For is believed (proxy-addr's trust list: addresses,
     * CIDR ranges, or loopback, linklocal, uniquelocal). Behind a load balancer, name
     * its range, or every shopper counts as the balancer's address.
     */
    trustedProxies: z
      .array(
        z.string().min(1).max(100).refine((entry) => {
          try {
            proxyaddr.compile([entry])
            return true
          } catch {
            return false
          }
        }, "an IP address, a CIDR range, or loopback, linklocal, uniquelocal")
      )
      .max(100)
      .default(["loopback"]),
    /**
     * A storefront server that sends this in the x-marketing-server-secret header
     * (createStorefrontTracker's serverSecret) counts against `server` instead of
     * its address's bucket. At least 16 characters.
     */
    serverSecret: z.string().min(16).optional(),
    /** Per client address: events, the beacon, a shopper's export and erasure. */
    tracking: bucketSchema(20, 100),
    /** Per publishable key: a whole storefront's events. */
    publishableKey: bucketSchema(1000, 5000),
    /** The storefront server that identified itself with serverSecret. */
    server: bucketSchema(1000, 5000),
    /** Per client address: open pixel, click redirect, unsubscribe, preferences and confirmation pages. */
    links: bucketSchema(20, 200),
    /** Per client address: delivery webhooks. */
    webhooks: bucketSchema(20, 200),
  })
  .strict()

export type RateLimitOptions = z.output<typeof rateLimitOptionsSchema>

export const marketingOptionsSchema = z
  .object({
    consent: z
      .object({
        /**
         * When true, behavioural events are stored only for shoppers who
         * granted analytics consent (opt-in, as the GDPR expects in the EU).
         * When false, they are stored unless the shopper denied it (opt-out).
         */
        requireOptIn: z.boolean().default(false),
        /**
         * Events kept even when analytics consent is denied: they record what
         * the shopper asked for (their own email, their consent choice).
         */
        strictlyNecessaryEvents: z.array(z.string().min(1)).default(["identify"]),
      })
      .strict()
      .default({ requireOptIn: false, strictlyNecessaryEvents: ["identify"] }),
    tracking: z
      .object({
        /**
         * Client timestamps are clamped to the server's clock: never in the
         * future, and never older than this many hours (an offline queue).
         */
        maxEventAgeHours: z.number().int().min(1).max(24 * 30).default(24),
        /**
         * Events about a cart no known visitor owns wait this many days for
         * the cart's owner; the nightly purge deletes those still unowned.
         */
        pendingCartEventDays: z.number().int().min(1).max(365).default(30),
        /**
         * Behavioural events older than this many days are deleted by the
         * nightly retention purge (orders' events stay, as the orders' facts
         * on the contact). 0 or null: kept for ever.
         */
        retentionDays: z.number().int().min(0).max(36_500).nullable().default(730),
      })
      .strict()
      .prefault({}),
    predictions: z
      .object({
        /**
         * Below any of these minimums (per currency) the nightly fit stores no
         * predictions and the admin says which one is missing: the models need
         * enough buyers, enough of them coming back, and enough time.
         */
        minBuyers: z.number().int().min(10).max(1_000_000).default(200),
        minRepeatBuyers: z.number().int().min(5).max(1_000_000).default(50),
        minHistoryDays: z.number().int().min(30).max(3650).default(180),
        /**
         * Purchase propensity needs, in each of its two 30-day windows, this
         * many leads, and this many of them placing a first order (and as many not).
         */
        minLeads: z.number().int().min(20).max(1_000_000).default(200),
        minFirstBuyers: z.number().int().min(5).max(1_000_000).default(20),
        /** The backtest fits on all but this many last weeks and forecasts them. */
        backtestWeeks: z.number().int().min(4).max(104).default(26),
        /** Lifetime value covers this many years, discounted yearly at this rate. */
        lifetimeYears: z.number().min(0.5).max(10).default(3),
        annualDiscountRate: z.number().min(0).max(1).default(0.1),
      })
      .strict()
      .prefault({}),
    email: emailOptionsSchema.prefault({}),
    exports: z
      .object({
        /**
         * A contact export's file (personal data) is deleted this many days after it
         * was written; the record of the export stays, as `expired`.
         */
        fileRetentionDays: z.number().int().min(1).max(90).default(7),
      })
      .strict()
      .prefault({}),
    flows: flowOptionsSchema.prefault({}),
    rateLimits: rateLimitOptionsSchema.prefault({}),
    outage: z
      .object({
        /**
         * While Postgres cannot be reached, the plugin's routes answer 503 at once, and a request anywhere
         * waits at most this long for a database connection (Medusa's pool otherwise waits 60 s) before it
         * fails; back to the pool's own wait when Postgres answers again. 0 leaves the pool alone.
         */
        waitSeconds: z.number().min(0).max(600).default(2),
      })
      .strict()
      .prefault({}),
  })
  .strict()

export type MarketingOptions = z.output<typeof marketingOptionsSchema>
export type MarketingOptionsInput = z.input<typeof marketingOptionsSchema>

// Medusa adds its own keys to every module's options (the connection).
const FRAMEWORK_KEYS = ["database"]

function withoutFrameworkKeys(raw: unknown): Record<string, unknown> {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
    return (raw ?? {}) as Record<string, unknown>
  }
  const copy: Record<string, unknown> = { ...(raw as Record<string, unknown>) }
  for (const key of FRAMEWORK_KEYS) delete copy[key]
  return copy
}

/**
 * Validates the plugin options a store owner put in medusa-config.ts and
 * throws an error that names each bad option.
 */
export function parseMarketingOptions(raw: unknown): MarketingOptions {
  const result = marketingOptionsSchema.safeParse(withoutFrameworkKeys(raw))
  if (result.success) {
    return result.data
  }
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.join(".") : "(root)"
    return `options.${path}: ${issue.message}`
  })
  throw new Error(
    `medusa-marketing-automation: invalid plugin options. ${problems.join("; ")}`
  )
}
