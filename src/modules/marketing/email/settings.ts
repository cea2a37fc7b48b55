import type { MarketingOptions } from "../options"

export type EmailSettings = MarketingOptions["email"] & {
  secret: string
  publicUrl: string
  storefrontUrl: string
  /** True when no secret was configured and a development default is in use. */
  insecureSecret: boolean
}

const DEV_SECRET = "medusa-marketing-automation-development-secret"

const trimSlash = (url: string) => url.replace(/\/+$/, "")

/**
 * The email options with their environment fallbacks applied. Pure: the
 * caller passes the environment.
 */
export function resolveEmailSettings(
  options: MarketingOptions["email"],
  env: Record<string, string | undefined> = {}
): EmailSettings {
  const fromEnv = [env.MARKETING_EMAIL_SECRET, env.COOKIE_SECRET].find(
    (value) => typeof value === "string" && value.length >= 16
  )
  const secret = options.secret ?? fromEnv ?? DEV_SECRET
  return {
    ...options,
    secret,
    insecureSecret: secret === DEV_SECRET,
    publicUrl: trimSlash(options.publicUrl ?? env.MEDUSA_BACKEND_URL ?? "http://localhost:9000"),
    storefrontUrl: trimSlash(options.storefrontUrl ?? env.STOREFRONT_URL ?? "http://localhost:8000"),
  }
}
