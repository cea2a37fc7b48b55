import { z } from "@medusajs/framework/zod"
import addressparser from "nodemailer/lib/addressparser"

/** One mailbox: `shop@example.com` or `Shop <shop@example.com>`. */
export function isSingleMailbox(value: string): boolean {
  if (/[\r\n]/.test(value)) return false
  const parsed = addressparser(value)
  return (
    parsed.length === 1 &&
    "address" in parsed[0] &&
    /^[^\s@<>]+@[^\s@<>]+$/.test((parsed[0] as { address: string }).address)
  )
}

const mailbox = z.string().min(1).refine(isSingleMailbox, {
  message: 'Expected one email address, such as "Shop <shop@example.com>"',
})

const positiveMs = z.number().int().positive()

export const smtpOptionsSchema = z
  .object({
    /** The Notification Module's channels this provider serves (normally ["email"]). */
    channels: z.array(z.string().min(1)).min(1).optional(),
    /** Default sender; a notification's own `from` wins. */
    from: mailbox,
    /** Default Reply-To. */
    replyTo: mailbox.optional(),

    /** `smtp://user:pass@host:587` or `smtps://...:465`, instead of host/port/secure/auth. */
    url: z
      .string()
      .refine((value) => {
        try {
          const url = new URL(value)
          return (url.protocol === "smtp:" || url.protocol === "smtps:") && !!url.hostname
        } catch {
          return false
        }
      }, { message: "Expected an smtp:// or smtps:// URL with a host" })
      .optional(),
    host: z.string().min(1).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    /** true: TLS from the first byte (port 465). false: STARTTLS if the server offers it. */
    secure: z.boolean().optional(),
    /** Refuse to send unless the server upgrades with STARTTLS. */
    requireTLS: z.boolean().optional(),
    auth: z
      .object({ user: z.string().min(1), pass: z.string() })
      .strict()
      .optional(),
    /** Hostname announced in EHLO (defaults to the machine's name). */
    name: z.string().min(1).optional(),

    /**
     * Transfer encoding of the HTML and text bodies. Default "base64": encoded natively, where
     * quoted-printable is encoded (and chosen, by scanning every body) in JavaScript, which cost
     * about a fifth of the sender's CPU in the email benchmark.
     */
    textEncoding: z.enum(["base64", "quoted-printable"]).optional(),

    /** Reuse connections: a pool of `maxConnections` sockets, each sending up to `maxMessages`. */
    pool: z.boolean().optional(),
    maxConnections: z.number().int().positive().optional(),
    maxMessages: z.number().int().positive().optional(),

    connectionTimeout: positiveMs.optional(),
    greetingTimeout: positiveMs.optional(),
    socketTimeout: positiveMs.optional(),
    tls: z
      .object({
        rejectUnauthorized: z.boolean().optional(),
        servername: z.string().min(1).optional(),
        minVersion: z.enum(["TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3"]).optional(),
      })
      .strict()
      .optional(),

    /**
     * The mailto List-Unsubscribe address added to every email (`unsubscribe@shop.com`
     * or `mailto:unsubscribe@shop.com?subject=unsubscribe`). When the sender passes
     * its own List-Unsubscribe header (an https one-click link), this mailto is appended.
     */
    listUnsubscribe: z
      .string()
      .refine((value) => {
        const address = value.replace(/^mailto:/i, "").split("?")[0]
        return !/[\r\n<>\s,]/.test(value) && /^[^@]+@[^@]+$/.test(address)
      }, { message: "Expected an email address or a mailto: URI" })
      .optional(),

    /** Do not connect anywhere: nodemailer's JSON transport (tests, previews). */
    jsonTransport: z.boolean().optional(),
  })
  .strict()
  .superRefine((options, ctx) => {
    const targets = [options.url, options.host, options.jsonTransport ? true : undefined].filter(
      (value) => value !== undefined
    ).length
    if (targets === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["host"],
        message: "Required: set host (with port) or url, or jsonTransport: true",
      })
    }
    if (options.url !== undefined && options.host !== undefined) {
      ctx.addIssue({ code: "custom", path: ["url"], message: "Set either url or host, not both" })
    }
  })

export type SmtpProviderOptions = z.output<typeof smtpOptionsSchema>
export type SmtpProviderOptionsInput = z.input<typeof smtpOptionsSchema>

/**
 * Validates the provider options from medusa-config.ts; the error names each
 * bad option (`smtp provider: options.port: Invalid input: expected number, received string`).
 */
export function parseSmtpOptions(raw: unknown): SmtpProviderOptions {
  const result = smtpOptionsSchema.safeParse(raw ?? {})
  if (result.success) {
    return result.data
  }
  const problems = result.error.issues.map((issue) => {
    const path = issue.path.length ? issue.path.map(String).join(".") : "(root)"
    return `options.${path}: ${issue.message}`
  })
  throw new Error(`smtp provider: invalid options. ${problems.join("; ")}`)
}

/** The nodemailer transport options these provider options describe. */
export function toTransportOptions(options: SmtpProviderOptions): Record<string, unknown> {
  if (options.jsonTransport) {
    return { jsonTransport: true }
  }
  const transport: Record<string, unknown> = {}
  if (options.url) {
    const url = new URL(options.url)
    const secure = url.protocol === "smtps:"
    transport.host = url.hostname.replace(/^\[(.*)\]$/, "$1")
    transport.port = url.port ? Number(url.port) : secure ? 465 : 587
    transport.secure = secure
    if (url.username) {
      transport.auth = {
        user: decodeURIComponent(url.username),
        pass: decodeURIComponent(url.password),
      }
    }
  } else {
    transport.host = options.host
    if (options.port !== undefined) transport.port = options.port
    if (options.secure !== undefined) transport.secure = options.secure
  }
  if (options.secure !== undefined) transport.secure = options.secure
  if (options.auth) transport.auth = { ...options.auth }
  for (const key of [
    "requireTLS",
    "name",
    "pool",
    "maxConnections",
    "maxMessages",
    "connectionTimeout",
    "greetingTimeout",
    "socketTimeout",
  ] as const) {
    if (options[key] !== undefined) transport[key] = options[key]
  }
  if (options.tls) transport.tls = { ...options.tls }
  return transport
}
