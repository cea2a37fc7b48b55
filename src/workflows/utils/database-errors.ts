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

// MedusaError types that say the request or its data was wrong.
const DATA_ERROR_TYPES = new Set(["invalid_data", "not_found", "not_allowed", "duplicate_error", "conflict"])

/**
 * True when an error (or one it wraps) says some data was wrong: Postgres's
 * data exceptions and integrity violations (classes 22 and 23), or a
 * MedusaError about the input. Only then can running a failed batch's items
 * one by one find the one at fault; a connection lost, a pool timeout or a
 * broken transaction would only make each wait and fail again in turn.
 */
export function isAboutTheData(error: unknown, depth = 0): boolean {
  if (!error || typeof error !== "object" || depth > 5 || isDatabaseUnavailable(error)) return false
  const e = error as { code?: unknown; type?: unknown; cause?: unknown; originalError?: unknown }
  if (typeof e.code === "string" && /^2[23][0-9A-Z]{3}$/.test(e.code)) return true
  if (typeof e.type === "string" && DATA_ERROR_TYPES.has(e.type)) return true
  return isAboutTheData(e.cause, depth + 1) || isAboutTheData(e.originalError, depth + 1)
}
