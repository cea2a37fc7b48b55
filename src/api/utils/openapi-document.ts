import { existsSync, readFileSync } from "fs"
import path from "path"
import { OpenAPIRegistry, OpenApiGeneratorV31 } from "@asteasolutions/zod-to-openapi"
import { z } from "@medusajs/framework/zod"
import { ErrorResponse, type RouteDoc, type RouteGroup } from "./openapi"
import { API_REFERENCE } from "../reference"

/** Which routes a document covers: what the storefront and the world may call, or every route. */
export type DocumentScope = "public" | "all"

const SECURITY: Record<RouteDoc["access"], Record<string, string[]>[]> = {
  admin: [{ admin_session: [] }, { admin_bearer: [] }, { secret_api_key: [] }],
  store: [{ publishable_key: [] }],
  customer: [
    { publishable_key: [], customer_session: [] },
    { publishable_key: [], customer_bearer: [] },
  ],
  public: [],
}

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "The request is invalid (a field, or text Postgres cannot store, or a path that does not decode): `field` names the first bad field, `message` every one.",
  401: "Not logged in, or the credentials are not accepted here.",
  404: "Nothing with this id.",
  408: "The body did not arrive in time.",
  409: "The request conflicts with the current state.",
  413: "The body is larger than the route accepts.",
  422: "The request is valid but cannot be carried out.",
  429: "Too many requests: retry after the seconds in `Retry-After`.",
  503: "The database is unavailable: retry after the seconds in `Retry-After`; nothing was written.",
}

/** `/admin/marketing/segments/:id` → `/admin/marketing/segments/{id}` */
export const openApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, "{$1}")
export const pathParamNames = (path: string) => [...path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1])

/** The error statuses a route can answer: those of its kind, and those it declares. */
export function errorStatuses(route: RouteDoc): number[] {
  // 400: every plugin route refuses text Postgres cannot store and paths that do not decode, whatever it takes.
  const statuses = new Set<number>([400, 503, ...(route.errors ?? [])])
  // 413: Medusa's body parser refuses a body over the route's limit.
  if (route.method !== "get") statuses.add(413)
  if (route.access === "admin" || route.access === "customer") statuses.add(401)
  if (pathParamNames(route.path).length) statuses.add(404)
  for (const status of Object.keys(route.responses)) statuses.delete(Number(status))
  return [...statuses].sort()
}

const operationId = (route: RouteDoc) =>
  route.method +
  route.path
    .split(/[/.-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith(":") ? `By${capitalize(part.slice(1))}` : capitalize(part)))
    .join("")
    .replace(/_([a-z])/g, (_, c: string) => c.toUpperCase())

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1)

function register(registry: OpenAPIRegistry, group: RouteGroup, route: RouteDoc) {
  const names = pathParamNames(route.path)
  const params = route.params ?? (names.length ? z.object(Object.fromEntries(names.map((n) => [n, z.string()]))) : undefined)
  const responses: Record<string, any> = {}
  for (const [status, answer] of Object.entries(route.responses)) {
    const headers = answer.headers
      ? Object.fromEntries(Object.entries(answer.headers).map(([name, description]) => [name, { description, schema: { type: "string" } }]))
      : undefined
    responses[status] = {
      description: answer.description,
      ...(headers ? { headers } : {}),
      ...(answer.schema
        ? { content: { [String(answer.contentType ?? "application/json")]: { schema: answer.schema } } }
        : answer.contentType
          ? { content: Object.fromEntries([answer.contentType].flat().map((type) => [type, { schema: { type: "string" } }])) }
          : {}),
    }
  }
  for (const status of errorStatuses(route)) {
    responses[status] = { description: ERROR_DESCRIPTIONS[status] ?? "An error.", content: { "application/json": { schema: ErrorResponse } } }
  }
  registry.registerPath({
    method: route.method,
    path: openApiPath(route.path),
    operationId: operationId(route),
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [group.tag],
    security: SECURITY[route.access],
    request: {
      ...(params ? { params } : {}),
      ...(route.query ? { query: route.query } : {}),
      ...(route.body || route.bodyDocument
        ? {
            body: {
              required: true,
              content: Object.fromEntries((route.bodyContentTypes ?? ["application/json"]).map((type) => [type, { schema: route.bodyDocument ?? route.body! }])),
            },
          }
        : {}),
    },
    responses,
  })
}

const isPublic = (route: RouteDoc) => route.access !== "admin"

function build(scope: DocumentScope, version: string) {
  const registry = new OpenAPIRegistry()
  registry.registerComponent("securitySchemes", "admin_session", { type: "apiKey", in: "cookie", name: "connect.sid", description: "An admin user's session (POST /auth/session)." })
  registry.registerComponent("securitySchemes", "admin_bearer", { type: "http", scheme: "bearer", description: "An admin user's token (POST /auth/user/emailpass)." })
  registry.registerComponent("securitySchemes", "secret_api_key", { type: "http", scheme: "basic", description: "A secret API key as the user name of Basic auth." })
  registry.registerComponent("securitySchemes", "publishable_key", { type: "apiKey", in: "header", name: "x-publishable-api-key", description: "The store's publishable API key." })
  registry.registerComponent("securitySchemes", "customer_session", { type: "apiKey", in: "cookie", name: "connect.sid", description: "A logged-in customer's session." })
  registry.registerComponent("securitySchemes", "customer_bearer", { type: "http", scheme: "bearer", description: "A customer's token (POST /auth/customer/emailpass)." })
  const groups = API_REFERENCE.map((group) => ({ ...group, routes: group.routes.filter((r) => scope === "all" || isPublic(r)) })).filter((g) => g.routes.length)
  for (const group of groups) for (const route of group.routes) register(registry, group, route)
  const document = new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "medusa-marketing-automation",
      version,
      description:
        "The routes the plugin adds to a Medusa 2 store: tracking for the storefront, the marketing admin, and the public links of emails. " +
        "Every error answers `{ type, message, field? }`. " +
        (scope === "public" ? "This part has the routes callable without an admin login; the admin's document is at GET /admin/marketing/openapi.json." : ""),
    },
    tags: groups.map((g) => ({ name: g.tag, description: g.description })),
  })
  return withoutNullQueryValues(document)
}

/**
 * A query string cannot carry null, but the generator marks a coerced number null-able when null coerces to a
 * valid value (`offset`: null → 0): take "null" out of query parameters' types.
 */
function withoutNullQueryValues<T extends { paths?: Record<string, any> }>(document: T): T {
  for (const item of Object.values(document.paths ?? {})) {
    for (const operation of Object.values<any>(item)) {
      for (const parameter of operation?.parameters ?? []) {
        const type = parameter.in === "query" ? parameter.schema?.type : undefined
        if (Array.isArray(type) && type.includes("null")) {
          const rest = type.filter((t: string) => t !== "null")
          parameter.schema.type = rest.length === 1 ? rest[0] : rest
        }
      }
    }
  }
  return document
}

const documents = new Map<DocumentScope, ReturnType<typeof build>>()

/** The OpenAPI 3.1 document of the plugin's routes, built once from the routes' zod schemas. */
export function openApiDocument(scope: DocumentScope = "all") {
  let document = documents.get(scope)
  if (!document) {
    document = build(scope, pluginVersion())
    documents.set(scope, document)
  }
  return document
}

/** The installed plugin's version, from its package.json (above the sources, or above the built `.medusa/server`). */
function pluginVersion(): string {
  let dir = __dirname
  for (let i = 0; i < 8; i++, dir = path.dirname(dir)) {
    const file = path.join(dir, "package.json")
    if (!existsSync(file)) continue
    const pkg = JSON.parse(readFileSync(file, "utf8")) as { name?: string; version?: string }
    if (pkg.name === "medusa-marketing-automation" && pkg.version) return pkg.version
  }
  return "0.0.0"
}
