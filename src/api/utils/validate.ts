import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import type { z } from "@medusajs/framework/zod"

/** `events[3].properties.email` rather than zod's array of keys. */
export function formatIssuePath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`
    return acc ? `${acc}.${String(key)}` : String(key)
  }, "")
}

/** Parses with a zod schema; a failure becomes a 400 that names every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input)
  if (result.success) {
    return result.data
  }
  const message = result.error.issues
    .slice(0, 10)
    .map((issue) => `${formatIssuePath(issue.path) || "body"}: ${issue.message}`)
    .join("; ")
  throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: ${message}`)
}

/** Middleware: validates `req.body` and stores the result in `req.validatedBody`. */
export function validateBody(schema: z.ZodType) {
  return (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      req.validatedBody = parseOrThrow(schema, req.body)
      next()
    } catch (e) {
      next(e)
    }
  }
}

/** Middleware: validates `req.query` and stores the result in `req.validatedQuery`. */
export function validateQuery(schema: z.ZodType) {
  return (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      req.validatedQuery = parseOrThrow(schema, req.query) as Record<string, unknown>
      next()
    } catch (e) {
      next(e)
    }
  }
}
