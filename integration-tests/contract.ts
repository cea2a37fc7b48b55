import Ajv2020, { type ValidateFunction } from "ajv/dist/2020"
import addFormats from "ajv-formats"
import fs from "fs"
import path from "path"
import { openApiDocument } from "../src/api/utils/openapi-document"
import { PLUGIN_PATHS } from "../src/api/utils/request-guard"

/**
 * Holds every response the integration tests get from the plugin's routes to
 * the API reference: a route or status the reference does not list, or a JSON
 * body its schema rejects, fails the test that made the request. Objects are
 * checked closed (a field the reference does not list is an error), though the
 * published document leaves them open so clients tolerate new fields.
 *
 * With MMA_CONTRACT_DIR set (`npm test` sets it), each spec writes the
 * operations it checked there, and the run fails when a documented route was
 * never answered in any spec.
 */

type Operation = { method: string; path: string; pattern: RegExp; responses: Record<string, any> }
type AxiosLike = { interceptors: { response: { use(ok: (r: any) => any, fail: (e: any) => any): number } } }

let compiled: { operations: Operation[]; ajv: Ajv2020 } | undefined
const validators = new Map<string, ValidateFunction>()

/** Every object with listed properties, closed, unless it says otherwise or is composed (allOf). */
function closed(schema: any, insideAllOf = false): any {
  if (Array.isArray(schema)) return schema.map((s) => closed(s))
  if (!schema || typeof schema !== "object") return schema
  const out: any = {}
  for (const [k, v] of Object.entries(schema)) {
    if (k === "allOf") out[k] = (v as any[]).map((s) => closed(s, true))
    else if (k === "properties") out[k] = Object.fromEntries(Object.entries(v as object).map(([p, s]) => [p, closed(s)]))
    else out[k] = closed(v)
  }
  if (out.properties && out.additionalProperties === undefined && !insideAllOf && !out.allOf) out.additionalProperties = false
  return out
}

function reference() {
  if (compiled) return compiled
  const document = JSON.parse(JSON.stringify(openApiDocument("all")))
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats(ajv)
  ajv.addSchema({ $id: "components", components: closed(document.components ?? {}) })
  const operations: Operation[] = []
  for (const [p, item] of Object.entries<any>(document.paths)) {
    const pattern = new RegExp("^" + p.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+") + "$")
    for (const [method, op] of Object.entries<any>(item)) operations.push({ method, path: p, pattern, responses: op.responses })
  }
  compiled = { operations, ajv }
  return compiled
}

const withComponentRefs = (schema: unknown) =>
  JSON.parse(JSON.stringify(schema).replace(/"#\/components\//g, '"components#/components/'))

function validatorFor(op: Operation, status: string, schema: unknown, ajv: Ajv2020): ValidateFunction {
  const id = `${op.method} ${op.path} ${status}`
  let validate = validators.get(id)
  if (!validate) {
    validate = ajv.compile(closed(withComponentRefs(schema)))
    validators.set(id, validate)
  }
  return validate
}

/** What is wrong with one response, or null; the operation it answered, when documented. */
export function checkResponse(method: string, url: string, status: number, contentType: string | undefined, data: unknown) {
  const pathname = url.split("?")[0]
  if (!PLUGIN_PATHS.test(pathname)) return { problem: null, operation: null }
  const { operations, ajv } = reference()
  // The most literal match: `/segments/preview` before `/segments/{id}`.
  const op = operations
    .filter((o) => o.method === method.toLowerCase() && o.pattern.test(pathname))
    .sort((a, b) => (a.path.match(/\{/g)?.length ?? 0) - (b.path.match(/\{/g)?.length ?? 0))[0]
  if (!op) {
    // Unknown paths answer Medusa's 404: nothing to document.
    return { problem: status === 404 ? null : `${method.toUpperCase()} ${pathname} answered ${status} but is not in the API reference`, operation: null }
  }
  const name = `${method.toUpperCase()} ${op.path}`
  const answer = op.responses[String(status)]
  if (!answer) return { problem: `${name} answered ${status}, which the reference does not list (${Object.keys(op.responses).join(", ")})`, operation: op }
  const content = answer.content ?? {}
  const types = Object.keys(content)
  if (!types.length) return { problem: null, operation: op }
  const json = content["application/json"]
  if (json?.schema && (!contentType || /json/.test(contentType))) {
    const validate = validatorFor(op, String(status), json.schema, ajv)
    if (!validate(data)) {
      const errors = (validate.errors ?? []).slice(0, 8).map((e) => `${e.instancePath || "(body)"} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`)
      return { problem: `${name} ${status}: the body does not match the reference: ${errors.join("; ")}`, operation: op }
    }
    return { problem: null, operation: op }
  }
  const given = (contentType ?? "").split(";")[0].trim()
  if (!types.includes(given)) return { problem: `${name} ${status}: content type ${given || "(none)"}, the reference says ${types.join(" or ")}`, operation: op }
  return { problem: null, operation: op }
}

/** Checks every response `api` gets against the reference; registered inside a spec's suite. */
export function holdToReference(api: AxiosLike, spec: string) {
  const problems: string[] = []
  const checked = new Set<string>()
  const check = (response: any) => {
    if (!response?.config) return
    const base = response.config.baseURL ?? "http://localhost"
    const url = new URL(response.config.url ?? "", base)
    const { problem, operation } = checkResponse(
      response.config.method ?? "get",
      url.pathname,
      response.status,
      response.headers?.["content-type"],
      response.data
    )
    if (problem) problems.push(problem)
    else if (operation) checked.add(`${operation.method.toUpperCase()} ${operation.path}`)
  }
  beforeAll(() => {
    api.interceptors.response.use(
      (response) => {
        check(response)
        return response
      },
      (error) => {
        check(error?.response)
        return Promise.reject(error)
      }
    )
  })
  afterEach(() => {
    if (problems.length) throw new Error(`Responses that break the API reference (openapi.json):\n${problems.splice(0).join("\n")}`)
  })
  afterAll(() => {
    const dir = process.env.MMA_CONTRACT_DIR
    if (dir && checked.size) {
      fs.mkdirSync(dir, { recursive: true })
      fs.writeFileSync(path.join(dir, `${spec}-${process.pid}.json`), JSON.stringify([...checked]))
    }
  })
}
