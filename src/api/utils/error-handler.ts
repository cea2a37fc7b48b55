import { errorHandler, type MedusaNextFunction, type MedusaRequest, type MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { isDatabaseUnavailable } from "../../workflows/utils/database-errors"
import { answerDatabaseUnavailable, databaseHealth } from "./database-health"
import { PLUGIN_PATHS } from "./request-guard"
import { InvalidInputError } from "./validate"

const medusaErrorHandler = errorHandler()
let lastOutageLog = 0

/**
 * Medusa's error handler, with two answers of its own on the plugin's paths:
 * a 503 with Retry-After when the database is unreachable (clients keep their
 * data and retry; the pool reconnects by itself), and a 400 naming `path` for
 * a path Express could not decode, and `field` beside `type` and `message` on a
 * 400 about one field. Every other error, and every other route, gets Medusa's
 * answer unchanged.
 */
export async function marketingErrorHandler(error: any, req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const path = (req.originalUrl ?? req.url ?? "").split("?")[0]
  if (PLUGIN_PATHS.test(path) && !res.headersSent) {
    // Only when Postgres itself does not answer a probe: the same error codes come from SMTP servers and webhook
    // hosts. A failed probe marks the database away, so the next requests are answered at once.
    if (isDatabaseUnavailable(error) && (await databaseHealth(req)?.probe()) !== true) {
      if (Date.now() - lastOutageLog > 10_000) {
        lastOutageLog = Date.now()
        const logger = req.scope?.resolve?.("logger") as { warn(message: string): void } | undefined
        logger?.warn(`medusa-marketing-automation: database unavailable, answering 503 (${String(error?.message ?? error).slice(0, 200)})`)
      }
      return answerDatabaseUnavailable(res)
    }
    if (error instanceof URIError || (error?.status === 400 && /decode param/i.test(String(error?.message)))) {
      res.status(400).json({ type: "invalid_data", message: "Invalid request: path: is not valid percent-encoded UTF-8", field: "path" })
      return
    }
    // Body-parser's 413 and the beacon's 408 and 413: Medusa would type them `unknown_error`.
    const status = Number(error?.statusCode ?? error?.status)
    if (status === 413 || status === 408) {
      const message =
        /^Invalid request: /.test(String(error?.message)) || status === 408
          ? String(error?.message)
          : `Invalid request: body: larger than this route accepts${error?.limit ? ` (${error.limit} bytes)` : ""}`
      res.status(status).json({ type: status === 413 ? "payload_too_large" : "request_timeout", message, field: "body" })
      return
    }
    const field = fieldOf(error)
    if (field) {
      req.scope?.resolve?.("logger")?.info?.(error.message)
      res.status(400).json({ type: MedusaError.Types.INVALID_DATA, message: error.message, field })
      return
    }
  }
  return medusaErrorHandler(error, req, res, next)
}

/**
 * The first bad field of a 400 about input: the one an `InvalidInputError` carries, or the one its message names
 * (`Invalid request: definition.steps.wait_1.seconds: …`, the form of every input error of the plugin), since an
 * error thrown inside a workflow reaches the handler as a copy without its own properties.
 */
function fieldOf(error: any): string | undefined {
  if (error?.type !== MedusaError.Types.INVALID_DATA || typeof error.message !== "string") return undefined
  if (error instanceof InvalidInputError && error.field) return error.field
  return /^Invalid request: ([A-Za-z0-9_$.[\]-]+): /.exec(error.message)?.[1]
}

/**
 * Middleware before Medusa's `authenticate` on the plugin's customer routes: its 401 answers `{ message }` alone,
 * and gets the `type` every error of the plugin's routes has. (The admin routes' authentication runs before any
 * middleware of the plugin, which cannot reach it.)
 */
export function typedErrorBodies(_req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  const json = res.json.bind(res)
  res.json = (body?: any) => {
    if (res.statusCode === 401 && body && typeof body === "object" && typeof body.message === "string" && !body.type) {
      body = { type: "unauthorized", ...body }
    }
    return json(body)
  }
  next()
}
