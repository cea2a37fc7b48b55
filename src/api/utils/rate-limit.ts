import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createHash, timingSafeEqual } from "crypto"
import proxyaddr from "proxy-addr"
import { MARKETING_MODULE } from "../../modules/marketing"
import type { RateLimitOptions } from "../../modules/marketing/options"
import { RateLimiter } from "../../modules/marketing/rate-limit"
import type MarketingModuleService from "../../modules/marketing/service"

/** The header a storefront server sends with `rateLimits.serverSecret`. */
export const SERVER_SECRET_HEADER = "x-marketing-server-secret"

/** Which per-address bucket a route counts against. */
export type PublicRouteKind = "tracking" | "links" | "webhooks"

type Limits = {
  options: RateLimitOptions
  limiter: RateLimiter
  trust: ReturnType<typeof proxyaddr.compile>
  secret: Buffer | null
}

// One limiter per app (the marketing service is one per app; tests boot several in one process).
const perApp = new WeakMap<object, Limits>()

function limitsOf(req: MedusaRequest): Limits {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  let limits = perApp.get(marketing)
  if (!limits) {
    const options = marketing.getOptions().rateLimits
    const config = req.scope.resolve(ContainerRegistrationKeys.CONFIG_MODULE) as { projectConfig?: { redisUrl?: string } }
    const logger = req.scope.resolve(ContainerRegistrationKeys.LOGGER) as { warn(message: string): void }
    limits = {
      options,
      limiter: new RateLimiter({
        redisUrl: options.redisUrl ?? config.projectConfig?.redisUrl ?? null,
        keyPrefix: options.keyPrefix,
        onRedisError: (e) =>
          logger.warn(`medusa-marketing-automation: rate limits counted per instance, Redis failed: ${(e as Error)?.message ?? e}`),
      }),
      trust: proxyaddr.compile(options.trustedProxies),
      secret: options.serverSecret ? digest(options.serverSecret) : null,
    }
    perApp.set(marketing, limits)
  }
  return limits
}

const digest = (text: string) => createHash("sha256").update(text).digest()

function isTrustedServer(req: MedusaRequest, secret: Buffer | null): boolean {
  const sent = req.get(SERVER_SECRET_HEADER)
  return !!secret && !!sent && timingSafeEqual(digest(sent), secret)
}

/** The client's address: the first hop, from the socket back through X-Forwarded-For, that is not a trusted proxy. */
function clientAddress(req: MedusaRequest, trust: Limits["trust"]): string {
  try {
    return proxyaddr(req, trust)
  } catch {
    // A socket already closed has no address: such a request is answered by nobody anyway.
    return "unknown"
  }
}

/**
 * Token buckets in front of a public route: one per client address (read
 * through the trusted proxies only) or, for a storefront server that sent the
 * secret, the server's; and one per publishable key where the route takes
 * one. Over a limit: 429 with Retry-After, before anything is read or written.
 */
export function rateLimit(kind: PublicRouteKind, publishableKeyOf?: (req: MedusaRequest) => unknown) {
  return async function marketingRateLimit(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
    const { options, limiter, trust, secret } = limitsOf(req)
    if (!options.enabled) return next()
    const buckets = isTrustedServer(req, secret)
      ? [{ name: "server", key: "server", rule: options.server }]
      : [{ name: kind, key: clientAddress(req, trust), rule: options[kind] }]
    const publishableKey = publishableKeyOf?.(req)
    if (typeof publishableKey === "string" && publishableKey) {
      buckets.push({ name: "publishableKey", key: publishableKey, rule: options.publishableKey })
    }
    const verdict = await limiter.check(buckets)
    if (verdict.allowed) return next()
    // Exposed, so the browser tracker can read it across origins.
    res.set({ "Retry-After": String(verdict.retryAfterSeconds), "Access-Control-Expose-Headers": "Retry-After" })
    res.status(429).json({
      type: "rate_limited",
      message: `Too many requests (${verdict.bucket} limit): retry after ${verdict.retryAfterSeconds} s`,
    })
  }
}
