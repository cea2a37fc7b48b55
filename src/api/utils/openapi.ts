import { zodToOpenAPIRegistry } from "@asteasolutions/zod-to-openapi"
import { z } from "@medusajs/framework/zod"

/**
 * Names a schema as a component of the reference (`#/components/schemas/<id>`). Call it last, after `.meta()`.
 * Not zod's `.meta({ id })`: zod's global registry refuses an id twice, and the tests load the plugin's
 * code twice in one process (the app's build, and the sources the contract check reads).
 */
export function component<T extends z.ZodType>(id: string, schema: T): T {
  zodToOpenAPIRegistry.add(schema, { _internal: { refId: id } } as never)
  return schema
}

/**
 * Who may call a route:
 * - `admin`: a logged-in admin user (session or bearer) or a secret API key, as every `/admin` route of Medusa;
 * - `store`: a publishable API key in `x-publishable-api-key`, as every `/store` route;
 * - `customer`: a publishable key and a logged-in customer;
 * - `public`: nobody in particular (links in emails, the tracker script, signed webhooks).
 */
export type RouteAccess = "admin" | "store" | "customer" | "public"

/** One answer of a route. A JSON answer names its schema; another kind names its content type. */
export type ResponseDoc = {
  description: string
  schema?: z.ZodType
  /** `application/json` when a schema is given; several when the route answers in either. */
  contentType?: string | string[]
  headers?: Record<string, string>
}

/**
 * What the API reference says about one route: the request schemas are the very
 * ones its middleware validates with (a test checks it), `null` when it takes
 * none, and the responses are declared beside them in `responses.ts`.
 */
export type RouteDoc = {
  method: "get" | "post" | "delete"
  /** Express style, as the route's folder: `/admin/marketing/segments/:id`. */
  path: string
  summary: string
  description?: string
  access: RouteAccess
  /** Parameters in the path, when a plain string does not describe them. */
  params?: z.ZodObject
  query: z.ZodObject | null
  body: z.ZodType | null
  /**
   * What the reference shows for the body when the validated schema cannot say it (a preprocess step), or when
   * the route reads its body leniently without a schema (`body: null`), as the delivery webhooks do.
   */
  bodyDocument?: z.ZodType
  /** Content types the body may come in; JSON when not given. */
  bodyContentTypes?: string[]
  responses: Record<number, ResponseDoc>
  /** Error statuses beyond those every route of its kind can answer (400, 401, 404, 503). */
  errors?: number[]
}

/** A group of routes under one tag of the reference. */
export type RouteGroup = { tag: string; description: string; routes: RouteDoc[] }

/** The 200 answer of a JSON route. */
export const ok = (schema: z.ZodType, description = "OK"): Record<number, ResponseDoc> => ({ 200: { description, schema } })

/** Every error of every route has this shape. */
export const ErrorResponse = component(
  "Error",
  z
  .object({
    type: z
      .string()
      .optional()
      .meta({
        description:
          "What kind of error: `invalid_data` (400), `not_allowed` (400), `unauthorized` (401), `not_found` (404), `conflict` (409), " +
          "`duplicate_error` (422), `request_timeout` (408), `payload_too_large` (413), `rate_limited` (429), `unavailable` (503), " +
          "`unknown_error` (500). Present on every error but one: " +
          "the 401 Medusa's own authentication answers on `/admin` routes before the plugin's code runs has `message` alone.",
      }),
    message: z.string().meta({ description: "For people: what is wrong, naming every bad field of the request." }),
    field: z.string().optional().meta({
      description: "The path of the first bad field of the request, e.g. `events[3].anonymous_id` or `limit`, when the error is about one.",
    }),
    code: z.string().optional().meta({ description: "Medusa's error code, where Medusa sets one." }),
  })
  .meta({ description: "The answer of every error." })
)

/** The common answer of a DELETE. */
export const deleted = (object: string) =>
  z.object({ id: z.string(), object: z.literal(object), deleted: z.literal(true) })

/** `count`, `offset` and `limit` beside a page of a list. */
export const page = {
  count: z.number().int().meta({ description: "How many match, over every page." }),
  offset: z.number().int(),
  limit: z.number().int(),
}

/** A timestamp as JSON carries it. */
export const timestamp = () => z.iso.datetime({ offset: true })
export const nullableTimestamp = () => timestamp().nullable()
