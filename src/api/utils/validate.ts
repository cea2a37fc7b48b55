import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { InvalidInputError } from "../../modules/marketing/invalid-input"
import type { z } from "@medusajs/framework/zod"

export { InvalidInputError }

/** `events[3].properties.email` rather than zod's array of keys. */
export function formatIssuePath(path: PropertyKey[]): string {
  return path.reduce<string>((acc, key) => {
    if (typeof key === "number") return `${acc}[${key}]`
    return acc ? `${acc}.${String(key)}` : String(key)
  }, "")
}

/** Parses with a zod schema; a failure becomes a 400 that names every bad field. */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown, root = "body"): z.output<T> {
  const result = schema.safeParse(input)
  if (result.success) {
    return result.data
  }
  const issues = result.error.issues.slice(0, 10).map((issue) => ({ field: formatIssuePath(issue.path) || root, message: issue.message }))
  throw new InvalidInputError(`Invalid request: ${issues.map((i) => `${i.field}: ${i.message}`).join("; ")}`, issues[0]?.field)
}

/** The schema a validation middleware checks, so the API reference test can prove it documents that very schema. */
export type ValidatingMiddleware = ((req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) => void) & {
  validates: { part: "body" | "query"; schema: z.ZodType }
}

function validating(part: "body" | "query", schema: z.ZodType): ValidatingMiddleware {
  const middleware = (req: MedusaRequest, _res: MedusaResponse, next: MedusaNextFunction) => {
    try {
      if (part === "body") req.validatedBody = parseOrThrow(schema, req.body)
      else req.validatedQuery = parseOrThrow(schema, req.query, "query") as Record<string, unknown>
      next()
    } catch (e) {
      next(e)
    }
  }
  return Object.assign(middleware, { validates: { part, schema } })
}

/** Middleware: validates `req.body` and stores the result in `req.validatedBody`. */
export const validateBody = (schema: z.ZodType) => validating("body", schema)

/** Middleware: validates `req.query` and stores the result in `req.validatedQuery`. */
export const validateQuery = (schema: z.ZodType) => validating("query", schema)
