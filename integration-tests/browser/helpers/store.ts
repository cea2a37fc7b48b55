/**
 * HTTP helpers for the browser tests: talk to a running Medusa app the way
 * the admin and a storefront do (admin bearer token, publishable key,
 * customer bearer token).
 */
import crypto from "crypto"

export class HttpError extends Error {
  constructor(
    public method: string,
    public path: string,
    public status: number,
    public body: unknown
  ) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body).slice(0, 400)}`)
  }
}

type RequestOptions = { body?: unknown; token?: string; publishableKey?: string }

export function createApi(baseUrl: string) {
  return async function request<T = any>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
    const res = await fetch(baseUrl + path, {
      method,
      headers: {
        accept: "application/json",
        ...(opts.body !== undefined ? { "content-type": "application/json" } : {}),
        ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        ...(opts.publishableKey ? { "x-publishable-api-key": opts.publishableKey } : {}),
      },
      body: opts.body !== undefined ? JSON.stringify(opts.body) : undefined,
    })
    const text = await res.text()
    let json: any = null
    try {
      json = text ? JSON.parse(text) : null
    } catch {
      json = text
    }
    if (!res.ok) throw new HttpError(method, path, res.status, json)
    return json as T
  }
}

export type Api = ReturnType<typeof createApi>

export async function adminToken(api: Api, email: string, password: string): Promise<string> {
  const { token } = await api<{ token: string }>("POST", "/auth/user/emailpass", { body: { email, password } })
  return token
}

/** A publishable key linked to the store's first sales channel. */
export async function createPublishableKey(api: Api, token: string, title: string): Promise<string> {
  const { api_key } = await api("POST", "/admin/api-keys", { token, body: { title, type: "publishable" } })
  const { sales_channels } = await api("GET", "/admin/sales-channels?limit=1", { token })
  if (sales_channels.length) {
    await api("POST", `/admin/api-keys/${api_key.id}/sales-channels`, {
      token,
      body: { add: [sales_channels[0].id] },
    })
  }
  return api_key.token
}

/**
 * Registers a shopper as a storefront does: emailpass identity, then
 * POST /store/customers, then a fresh login whose token names the customer.
 */
export async function registerCustomer(
  api: Api,
  publishableKey: string,
  c: { email: string; password: string; first_name: string; last_name: string }
): Promise<{ customer: any; token: string }> {
  const { token: registration } = await api("POST", "/auth/customer/emailpass/register", {
    body: { email: c.email, password: c.password },
  })
  const { customer } = await api("POST", "/store/customers", {
    token: registration,
    publishableKey,
    body: { email: c.email, first_name: c.first_name, last_name: c.last_name },
  })
  const { token } = await api("POST", "/auth/customer/emailpass", { body: { email: c.email, password: c.password } })
  return { customer, token }
}

export const DESKTOP_UA =
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36"
export const MOBILE_UA =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"

/** Builds storefront events for one visitor, one second apart, ending now. */
export function visitor(opts: { userAgent: string; utm?: { source: string; medium: string; campaign: string } }) {
  const anonymousId = `anon-browser-${crypto.randomUUID()}`
  const sessionId = `sess-${crypto.randomBytes(6).toString("hex")}`
  let seq = 0
  const event = (type: string, properties: Record<string, unknown>, path = "/") => {
    seq++
    return {
      type,
      anonymous_id: anonymousId,
      session_id: sessionId,
      occurred_at: new Date(Date.now() - 60_000 + seq * 1000).toISOString(),
      idempotency_key: `${anonymousId}:${seq}`,
      consent: { analytics: true },
      properties,
      context: {
        page_url: `https://shop.example.com${path}`,
        referrer: seq === 1 && opts.utm ? "https://www.google.com/" : "https://shop.example.com/",
        user_agent: opts.userAgent,
        locale: "fr-FR",
        timezone: "Europe/Paris",
        ...(opts.utm ? { utm: opts.utm } : {}),
      },
    }
  }
  return { anonymousId, event }
}

export async function pollUntil<T>(
  what: string,
  fn: () => Promise<T | null | undefined | false>,
  { timeoutMs = 30_000, everyMs = 500 } = {}
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown = null
  while (Date.now() < deadline) {
    try {
      const value = await fn()
      if (value) return value
    } catch (e) {
      lastError = e
    }
    await new Promise((r) => setTimeout(r, everyMs))
  }
  throw new Error(
    `Timed out after ${timeoutMs / 1000} s waiting for ${what}${lastError ? `: ${(lastError as Error).message}` : ""}`
  )
}
