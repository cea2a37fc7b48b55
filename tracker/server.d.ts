/** Types of `medusa-marketing-automation/storefront` (tracker/server.js). */

/** Next's `cookies()` store, a Map, a plain `{ name: value }` object, or a Cookie header string. */
export type CookieSource =
  | { get(name: string): { value: string } | string | undefined | null }
  | Record<string, string | undefined>
  | string

export type StorefrontTrackerOptions = {
  /** Medusa backend URL, e.g. process.env.MEDUSA_BACKEND_URL. */
  backendUrl: string
  /** A publishable API key of the sales channel. */
  publishableKey: string
  /** Treat "no choice yet" as denied, as the browser tracker's option of the same name. Default false. */
  requireConsent?: boolean
  /** The browser tracker's anonymous id cookie. Default "_mma_aid". */
  cookieName?: string
  /** The browser tracker's consent cookie. Default "_mma_consent". */
  consentCookieName?: string
  /** The storefront's cart id cookie. Default "_medusa_cart_id" (Medusa's Next.js starter). */
  cartCookieName?: string
  /** The storefront's customer token cookie. Default "_medusa_jwt" (Medusa's Next.js starter). */
  customerTokenCookieName?: string
  /** Gives up after this long. Default 3000. */
  timeoutMs?: number
  /**
   * The plugin's `rateLimits.serverSecret`, sent as x-marketing-server-secret: this server's requests then
   * count against the plugin's `server` limit, not the per-address one every shopper's browser has. Keep it server-side.
   */
  serverSecret?: string
  /** Called with network errors and refused batches (the helper itself never throws). */
  onError?: (error: Error) => void
  /** Another fetch implementation. Default: the global fetch. */
  fetch?: typeof fetch
}

export type SendOptions = {
  /** Overrides the cart id cookie (e.g. a cart just created in this request); null sends none. */
  cartId?: string | null
  /** Overrides the customer token cookie (e.g. the token a login just returned); null sends none. */
  customerToken?: string | null
  /** Overrides the anonymous id cookie. */
  anonymousId?: string
  idempotencyKey?: string
  pageUrl?: string
  /** The shopper's User-Agent header; sent only with analytics consent. */
  userAgent?: string
}

export type SendResult = {
  sent: boolean
  /** Why nothing was sent, or why it failed: unknown_type, not_configured, no_visitor, no_consent, http_<status>, network. */
  reason?: string
  status?: number
  /** With a 429 (rate limited) or 503 (database away): seconds the server asked to wait before sending again. */
  retryAfterSeconds?: number
  body?: unknown
  error?: string
  event?: Record<string, unknown>
}

export type Visitor = {
  anonymousId: string | null
  consent: "granted" | "denied" | "unknown"
  analyticsAllowed: boolean
  cartId: string | null
  customerToken: string | null
}

export type StorefrontTracker = {
  /** Sends one event (the store route's types, or custom:<name>); resolves, never rejects. */
  track(cookies: CookieSource, type: string, properties?: Record<string, unknown>, options?: SendOptions): Promise<SendResult>
  /** `identify` with profile fields the shopper typed; sent whatever the analytics consent. */
  identify(cookies: CookieSource, profile: Record<string, unknown>, options?: SendOptions): Promise<SendResult>
  readVisitor(cookies: CookieSource): Visitor
}

export function createStorefrontTracker(options: StorefrontTrackerOptions): StorefrontTracker
export function readVisitor(cookies: CookieSource, options?: Partial<StorefrontTrackerOptions>): Visitor
