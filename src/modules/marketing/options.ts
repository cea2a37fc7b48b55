import { z } from "@medusajs/framework/zod"

/** Event types the storefront may send. `custom:<name>` is allowed too. */
export const STOREFRONT_EVENT_TYPES = [
  "product_viewed",
  "category_viewed",
  "page_viewed",
  "search_performed",
  "product_added_to_cart",
  "checkout_started",
  "identify",
] as const

export const CUSTOM_EVENT_PATTERN = /^custom:[a-z0-9][a-z0-9_.-]{0,63}$/

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
      })
      .strict()
      .default({ maxEventAgeHours: 24 }),
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
