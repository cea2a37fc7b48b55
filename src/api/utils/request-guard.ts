import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { findUnstorableText, pathProblem } from "./unstorable-text"
import { InvalidInputError } from "./validate"

/** Every route the plugin adds: public, store and admin. */
export const PLUGIN_PATHS = /^\/(?:store\/|admin\/)?marketing(?:\/|$)/
export const PLUGIN_PATH_MATCHERS = ["/marketing*", "/store/marketing*", "/admin/marketing*"]

/**
 * Rejects, before any route reads it, a request whose path, query or body
 * holds text Postgres cannot store (NUL, lone surrogates) or a path that is
 * not valid percent-encoded UTF-8: a 400 naming the field, nothing written.
 */
export function rejectUnstorableInput(req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) {
  const path = (req.originalUrl ?? req.url).split("?")[0]
  const problem = pathProblem(path)
  const found = problem
    ? { path: "path", reason: problem }
    : findUnstorableText(req.query, "query") ?? (req.body && typeof req.body === "object" ? findUnstorableText(req.body) : null)
  if (!found) return next()
  // The field travels with the error: the handler's fallback reads it from the message, and misses a key like `a.𝕏`.
  next(new InvalidInputError(`Invalid request: ${found.path}: ${found.reason}`, found.path))
}

/** The same check for a body a route parses itself (the beacon's text/plain). */
export function assertStorableText(body: unknown): void {
  const found = findUnstorableText(body)
  if (found) throw new InvalidInputError(`Invalid request: ${found.path}: ${found.reason}`, found.path)
}
