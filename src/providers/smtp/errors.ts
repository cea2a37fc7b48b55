import { MedusaError } from "@medusajs/framework/utils"

/** Socket-level failures: the message may go through on a later attempt. */
const TRANSIENT_CODES = new Set([
  "ECONNECTION", // nodemailer: could not connect / connection closed unexpectedly
  "ETIMEDOUT",
  "ESOCKET",
  "EDNS",
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "EHOSTUNREACH",
  "EHOSTDOWN",
  "ENETUNREACH",
  "ENETDOWN",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EPROTOCOL", // the server spoke out of turn (often a dropped or overloaded relay)
])

/**
 * The marker every send error of this provider carries in its message:
 * `(transient, SMTP 451)`, `(permanent, SMTP 550)`, `(transient, ECONNREFUSED)`.
 * Medusa's Notification Module re-wraps provider errors in a new error keeping
 * only the message, so the marker is how the classification survives it.
 */
const MARKER = /\((transient|permanent), (?:SMTP (\d{3})|([A-Z][A-Z0-9_]*))\)/

export type SmtpErrorDetails = {
  transient: boolean
  responseCode?: number
  code?: string
}

/** A send failure from the SMTP provider, classified for the sender's retry logic. */
export class SmtpSendError extends MedusaError {
  transient: boolean
  responseCode?: number
  smtpCode?: string
  smtpResponse?: string

  constructor(message: string, details: SmtpErrorDetails & { response?: string }) {
    super(MedusaError.Types.UNEXPECTED_STATE, message)
    this.name = "SmtpSendError"
    this.transient = details.transient
    this.responseCode = details.responseCode
    this.smtpCode = details.code
    this.smtpResponse = details.response
  }
}

function numericCode(value: unknown): number | undefined {
  const n = typeof value === "string" ? Number(value) : value
  return typeof n === "number" && Number.isInteger(n) && n >= 200 && n <= 599 ? n : undefined
}

/** Classifies a raw nodemailer / socket error. */
export function classifySmtpError(err: unknown): SmtpErrorDetails {
  const e = (err ?? {}) as Record<string, any>
  const responseCode = numericCode(e.responseCode)
  const code = typeof e.code === "string" ? e.code : undefined
  if (responseCode !== undefined) {
    // RFC 5321: 4yz = transient negative completion, 5yz = permanent.
    return { transient: responseCode >= 400 && responseCode < 500, responseCode, code }
  }
  if (code && TRANSIENT_CODES.has(code)) {
    return { transient: true, code }
  }
  // Node puts the errno of the underlying socket error in the message
  // ("connect ECONNREFUSED 127.0.0.1:25") when nodemailer wraps it.
  const message = typeof e.message === "string" ? e.message : ""
  const errno = message.match(/\b(E[A-Z_]{3,})\b/)?.[1]
  if (errno && TRANSIENT_CODES.has(errno)) {
    return { transient: true, code: code ?? errno }
  }
  return { transient: false, code }
}

/** Turns a nodemailer failure into a SmtpSendError whose message carries the classification. */
export function toSmtpSendError(err: unknown): SmtpSendError {
  const e = (err ?? {}) as Record<string, any>
  const details = classifySmtpError(err)
  const kind = details.transient ? "transient" : "permanent"
  const what = details.responseCode !== undefined ? `SMTP ${details.responseCode}` : details.code ?? "ERROR"
  const response = typeof e.response === "string" ? e.response : undefined
  const text = (response ?? (typeof e.message === "string" ? e.message : String(err))).replace(/[\r\n]+/g, " ")
  const error = new SmtpSendError(`smtp provider: send failed (${kind}, ${what}): ${text}`, {
    ...details,
    response,
  })
  ;(error as any).cause = err
  return error
}

/**
 * Whether a failed send may succeed later (retry it) or not (mark it failed).
 * Accepts the provider's own error, a raw nodemailer error, or the error
 * Medusa's Notification Module throws from `createNotifications` (which keeps
 * only the message): 4xx SMTP replies and connection failures are transient,
 * 5xx replies (550 mailbox unavailable, 553, 554) are permanent.
 */
export function isTransientSmtpError(err: unknown): boolean {
  return smtpErrorDetails(err).transient
}

/** The classification and SMTP reply code of an error, wrapped or not. */
export function smtpErrorDetails(err: unknown): SmtpErrorDetails {
  if (!err || typeof err !== "object") {
    return { transient: false }
  }
  const e = err as Record<string, any>
  if (typeof e.transient === "boolean") {
    return { transient: e.transient, responseCode: numericCode(e.responseCode), code: e.smtpCode ?? e.code }
  }
  const message = typeof e.message === "string" ? e.message : ""
  const marked = message.match(MARKER)
  if (marked) {
    return {
      transient: marked[1] === "transient",
      responseCode: marked[2] ? Number(marked[2]) : undefined,
      code: marked[3],
    }
  }
  return classifySmtpError(err)
}
