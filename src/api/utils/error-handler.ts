import { errorHandler, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { PLUGIN_PATHS } from "./request-guard"

/** Seconds a client is told to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5

// Connection-level failures (pg, knex, MikroORM) and Postgres's connection SQLSTATEs (class 08 but 08P01, a
// protocol violation that a NUL in a parameter causes) and shutdown ones (57P01-57P03).
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH",
  "08000", "08001", "08003", "08004", "08006", "08007", "57P01", "57P02", "57P03",
])
const UNAVAILABLE_NAMES = new Set(["ConnectionException", "KnexTimeoutError"])
const UNAVAILABLE_MESSAGE =
  /Connection terminated|ECONNREFUSED|ECONNRESET|Timeout acquiring a connection|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Connection ended unexpectedly|Client has encountered a connection error/i

/** True when an error (or one it wraps) says the database could not be reached, not that a query was wrong. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5) return false
  const e = error as { code?: unknown; name?: unknown; message?: unknown; cause?: unknown; originalError?: unknown }
  if (typeof e.code === "string" && UNAVAILABLE_CODES.has(e.code)) return true
  if (typeof e.name === "string" && UNAVAILABLE_NAMES.has(e.name)) return true
  if (typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message)) return true
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.originalError, depth + 1)
}

const medusaErrorHandler = errorHandler()
let lastOutageLog = 0

/**
 * Medusa's error handler, with two answers of its own on the plugin's paths:
 * a 503 with Retry-After when the database is unreachable (clients keep their
 * data and retry; the pool reconnects by itself), and a 400 naming `path` for
 * a path Express could not decode. Every other error, and every other route,
 * gets Medusa's answer unchanged.
 */
export function marketingErrorHandler(error: any, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const path = (req.originalUrl ?? req.url ?? "").split("?")[0]
  if (PLUGIN_PATHS.test(path) && !res.headersSent) {
    if (isDatabaseUnavailable(error)) {
      if (Date.now() - lastOutageLog > 10_000) {
        lastOutageLog = Date.now()
        const logger = req.scope?.resolve?.("logger") as { warn(message: string): void } | undefined
        logger?.warn(`medusa-marketing-automation: database unavailable, answering 503 (${String(error?.message ?? error).slice(0, 200)})`)
      }
      res.set({ "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Access-Control-Expose-Headers": "Retry-After" })
      res.status(503).json({ type: "unavailable", message: `The database is unavailable: retry after ${DATABASE_RETRY_AFTER_SECONDS} s` })
      return
    }
    if (error instanceof URIError || (error?.status === 400 && /decode param/i.test(String(error?.message)))) {
      res.status(400).json({ type: "invalid_data", message: "Invalid request: path: is not valid percent-encoded UTF-8" })
      return
    }
  }
  return medusaErrorHandler(error, req, res, next)
}
