import fs from "fs"
import path from "path"
import SwaggerParser from "@apidevtools/swagger-parser"
import middlewares from "../middlewares"
import { API_REFERENCE } from "../reference"
import { openApiDocument, openApiPath } from "../utils/openapi-document"
import type { ValidatingMiddleware } from "../utils/validate"

const API_DIR = path.resolve(__dirname, "..")
const COMMITTED = path.resolve(__dirname, "../../../openapi.json")
const docs = API_REFERENCE.flatMap((g) => g.routes)
const key = (method: string, routePath: string) => `${method.toUpperCase()} ${routePath}`

/** Every `route.ts` under src/api, as `METHOD /path/:param`, with its source. */
function routeFiles(): Map<string, string> {
  const found = new Map<string, string>()
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name)
      if (entry.isDirectory()) walk(full)
      else if (entry.name === "route.ts") {
        const source = fs.readFileSync(full, "utf8")
        const routePath = "/" + path.relative(API_DIR, dir).split(path.sep).map((p) => p.replace(/^\[(.+)\]$/, ":$1")).join("/")
        for (const m of source.matchAll(/export\s+(?:const|async\s+function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) {
          found.set(key(m[1], routePath), source)
        }
      }
    }
  }
  walk(API_DIR)
  return found
}

describe("the API reference", () => {
  const routes = routeFiles()

  it("documents every route, and nothing that is not a route", () => {
    const documented = docs.map((d) => key(d.method, d.path))
    expect([...routes.keys()].filter((k) => !documented.includes(k))).toEqual([])
    expect(documented.filter((k) => !routes.has(k))).toEqual([])
    expect(documented.length).toBe(new Set(documented).size)
  })

  it("gives every route a summary, a request and a described answer with a schema for JSON", () => {
    const problems: string[] = []
    for (const doc of docs) {
      const name = key(doc.method, doc.path)
      if (!doc.summary?.trim()) problems.push(`${name}: no summary`)
      // `null` says "takes none": the field must be given either way.
      if (doc.query === undefined || doc.body === undefined) problems.push(`${name}: query and body must be a schema or null`)
      if (doc.method === "get" && (doc.body || doc.bodyDocument)) problems.push(`${name}: a GET with a body`)
      const statuses = Object.keys(doc.responses).map(Number)
      if (!statuses.some((s) => s >= 200 && s < 400)) problems.push(`${name}: no success answer`)
      for (const [status, answer] of Object.entries(doc.responses)) {
        if (!answer.description) problems.push(`${name} ${status}: no description`)
        const json = !answer.contentType || [answer.contentType].flat().includes("application/json")
        if (json && !answer.schema && Number(status) !== 204 && Number(status) !== 304 && !(Number(status) >= 300 && Number(status) < 400)) {
          problems.push(`${name} ${status}: a JSON answer without a schema`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it("documents the very schemas the routes validate with", () => {
    const byKey = new Map(docs.map((d) => [key(d.method, d.path), d] as const))
    const checked = new Set<string>()
    const problems: string[] = []
    for (const route of middlewares.routes ?? []) {
      const matcher = route.matcher
      if (typeof matcher !== "string" && !(matcher instanceof RegExp)) continue
      for (const middleware of route.middlewares ?? []) {
        const validates = (middleware as Partial<ValidatingMiddleware>).validates
        if (!validates) continue
        for (const method of route.methods ?? ["GET", "POST", "DELETE"]) {
          // A RegExp matcher (`/flows/:id` but not `/flows/validate`) validates the documented routes whose path it matches.
          const matched =
            typeof matcher === "string"
              ? [byKey.get(key(String(method), matcher))].filter((d) => d !== undefined)
              : docs.filter((d) => d.method === String(method).toLowerCase() && matcher.test(d.path.replace(/:[A-Za-z0-9_]+/g, "x")))
          if (!matched.length) {
            if (route.methods) problems.push(`${key(String(method), String(matcher))}: validated but not documented`)
            continue
          }
          for (const doc of matched) {
            checked.add(`${key(doc.method, doc.path)} ${validates.part}`)
            if (doc[validates.part] !== validates.schema) problems.push(`${key(doc.method, doc.path)}: documents another ${validates.part} schema than it validates`)
          }
        }
      }
    }
    // A documented request no middleware validates must be parsed by the route itself.
    for (const doc of docs) {
      for (const part of ["query", "body"] as const) {
        if (!doc[part] || checked.has(`${key(doc.method, doc.path)} ${part}`)) continue
        if (!/parseOrThrow\(/.test(routes.get(key(doc.method, doc.path)) ?? "")) {
          problems.push(`${key(doc.method, doc.path)}: documents a ${part} schema nothing validates`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it("is a valid OpenAPI 3.1 document, and the public part has no admin route", async () => {
    const all = openApiDocument("all")
    await expect(SwaggerParser.validate(structuredClone(all) as any)).resolves.toBeTruthy()
    const publicPart = openApiDocument("public")
    await expect(SwaggerParser.validate(structuredClone(publicPart) as any)).resolves.toBeTruthy()
    expect(Object.keys(publicPart.paths ?? {}).filter((p) => p.startsWith("/admin"))).toEqual([])
    expect(Object.keys(all.paths ?? {}).length).toBe(new Set(docs.map((d) => openApiPath(d.path))).size)
  })

  it("answers every error with one shape", () => {
    const all = openApiDocument("all") as any
    const problems: string[] = []
    for (const [p, item] of Object.entries<any>(all.paths)) {
      for (const [method, op] of Object.entries<any>(item)) {
        for (const [status, answer] of Object.entries<any>(op.responses)) {
          const schema = answer.content?.["application/json"]?.schema
          if (Number(status) >= 400 && schema && schema.$ref !== "#/components/schemas/Error") problems.push(`${method} ${p} ${status}`)
        }
      }
    }
    expect(problems).toEqual([])
  })

  it("is committed as openapi.json, up to date (run `npm run openapi` after changing a route)", () => {
    const committed = fs.existsSync(COMMITTED) ? JSON.parse(fs.readFileSync(COMMITTED, "utf8")) : null
    expect(committed).toEqual(JSON.parse(JSON.stringify(openApiDocument("all"))))
  })
})
