/**
 * Compiling and rendering. The send path only runs compiled Handlebars functions: MJML output and
 * compiled Handlebars templates are cached by a SHA-256 of their source (bounded LRU), and a whole
 * template's compiled form by a hash of all its fields, so only the first render of a template version
 * pays for MJML. Measured (mjml 5.4.1, Node 20, this machine, logged by __tests__/render.unit.spec.ts):
 * mjml2html of a starter within the layout 13-44 ms; the very first render in a process 105-165 ms
 * (validation, MJML's lazy loading, Handlebars compiles); a cached MJML lookup < 0.1 ms; a render of an
 * already compiled template 1.7-2.4 ms. So MJML compiles at save/first use, never per recipient.
 *
 * Missing variables render as an empty string (Handlebars' non-strict mode). Strict mode would turn a
 * contact without a first name into a failed send at the moment it matters; a blank is the lesser evil,
 * and `{{default contact.first_name "there"}}` gives a template an explicit fallback. Syntax, unknown
 * helpers and unknown partials, by contrast, are rejected when the template is saved.
 *
 * Safety: each flavour has its own isolated environment (`Handlebars.create()`, no `log` helper), every
 * call runs with prototype access denied, the context is copied to plain data first (no functions, no
 * `__proto__`/`constructor` keys), and only the HTML body is HTML-escaped (`{{x}}`); subject and text
 * are compiled with `noEscape` since they are not HTML.
 */
import { createHash } from "crypto"
import Handlebars from "handlebars"
import mjml2html from "mjml"
import { prepareContext, SAMPLE_CONTEXT } from "./context"
import { HELPERS } from "./helpers"
import { applyLayout, bodyLineOffset, HTML_PARTIALS, LAYOUTS, TEXT_PARTIALS } from "./layouts"
import type { EmailTemplate, RenderContext, RenderedEmail, TemplateError, TemplateLayout, TemplateValidation } from "./types"
import { droppedExpressions, validateHandlebars } from "./validate"
import { Lru } from "../../lru"

export const RUNTIME_OPTIONS = Object.freeze({
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
})

function createEnvironment(partials: Record<string, string>): typeof Handlebars {
  const env = Handlebars.create()
  env.unregisterHelper("log")
  for (const [name, helper] of Object.entries(HELPERS)) env.registerHelper(name, helper as Handlebars.HelperDelegate)
  for (const [name, source] of Object.entries(partials)) env.registerPartial(name, source)
  return env
}

const htmlEnv = createEnvironment(HTML_PARTIALS)
const textEnv = createEnvironment(TEXT_PARTIALS)
const KNOWN = Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true]))

const stats = { mjmlCompiles: 0, handlebarsCompiles: 0, templateCompiles: 0, templateCacheHits: 0 }
const mjmlCache = new Lru<Promise<MjmlOutput>>(500)
const handlebarsCache = new Lru<Handlebars.TemplateDelegate>(2000)
const templateCache = new Lru<Promise<CompiledTemplate>>(500)

/** How often each cache had to compile (tests and metrics observe these). */
export function templateCacheStats(): Readonly<typeof stats> {
  return { ...stats }
}

export function clearTemplateCache(): void {
  mjmlCache.clear()
  handlebarsCache.clear()
  templateCache.clear()
  for (const key of Object.keys(stats) as (keyof typeof stats)[]) stats[key] = 0
}

const hash = (value: string) => createHash("sha256").update(value).digest("hex")

type MjmlOutput = { html: string; errors: { line: number | null; message: string }[] }

/** MJML → HTML, once per distinct source. Handlebars expressions pass through untouched. */
export function compileMjml(source: string): Promise<MjmlOutput> {
  const key = hash(source)
  const cached = mjmlCache.get(key)
  if (cached) return cached
  stats.mjmlCompiles++
  const promise = (async (): Promise<MjmlOutput> => {
    try {
      const result = await mjml2html(source, { validationLevel: "soft", keepComments: false, minify: false, beautify: false })
      const errors = (result.errors ?? [])
        // A Handlebars expression in a typed attribute (color="{{store.primary_color}}") is fine
        .filter((e: any) => !String(e.message).includes("{{"))
        .map((e: any) => ({ line: typeof e.line === "number" ? e.line : null, message: String(e.message).trim() }))
      return { html: result.html as string, errors }
    } catch (e: any) {
      return { html: "", errors: [{ line: null, message: String(e?.message ?? e) }] }
    }
  })()
  mjmlCache.set(key, promise)
  return promise
}

function compileHandlebars(flavour: "html" | "text", source: string): Handlebars.TemplateDelegate {
  const key = hash(`${flavour}\u0000${source}`)
  const cached = handlebarsCache.get(key)
  if (cached) return cached
  stats.handlebarsCompiles++
  const env = flavour === "html" ? htmlEnv : textEnv
  const fn = env.compile(source, { strict: false, noEscape: flavour === "text", preventIndent: true, knownHelpers: KNOWN })
  try {
    // Handlebars compiles lazily on first call: do it now, off the send path
    fn(prepareContext({}), RUNTIME_OPTIONS)
  } catch {
    // an empty context may not suit every helper; the real render reports real errors
  }
  handlebarsCache.set(key, fn)
  return fn
}

const isMjmlDocument = (source: string) => /^\s*(<!--[\s\S]*?-->\s*)*<mjml[\s>]/i.test(source)
const isHtmlDocument = (source: string) => /^\s*(<!--[\s\S]*?-->\s*)*(<!doctype[^>]*>\s*)?<html[\s>]/i.test(source)
const layoutOf = (template: EmailTemplate): TemplateLayout => template.layout ?? "marketing"
const mentionsUnsubscribe = (source: string) => /\{\{[^}]*\bunsubscribe_url\b[^}]*\}\}/.test(source)

export class TemplateValidationError extends Error {
  constructor(readonly errors: TemplateError[]) {
    super(`Invalid email template: ${errors.map((e) => `${e.field}${e.line ? `:${e.line}:${e.column ?? 1}` : ""} ${e.message}`).join("; ")}`)
    this.name = "TemplateValidationError"
  }
}

type Prepared = { errors: TemplateError[]; htmlSource: string | null }

/** Validates every field and, for MJML, produces the compiled HTML source (cached). */
async function prepare(template: EmailTemplate): Promise<Prepared> {
  const errors: TemplateError[] = []
  const layout = layoutOf(template)
  if (typeof template.subject !== "string" || !template.subject.trim()) {
    errors.push({ field: "subject", line: null, column: null, message: "The subject is required" })
  } else {
    errors.push(...validateHandlebars("subject", template.subject))
  }
  if (typeof template.text === "string" && template.text) errors.push(...validateHandlebars("text", template.text))

  const hasHtml = typeof template.html === "string" && template.html.trim() !== ""
  const hasMjml = typeof template.mjml === "string" && template.mjml.trim() !== ""
  if (hasHtml === hasMjml) {
    errors.push({ field: hasMjml ? "mjml" : "html", line: null, column: null, message: "Give exactly one body: html or mjml" })
    return { errors, htmlSource: null }
  }
  const field = hasMjml ? "mjml" : "html"
  const body = (hasMjml ? template.mjml : template.html) as string
  const bodyErrors = validateHandlebars(field, body)
  errors.push(...bodyErrors)

  const isDocument = hasMjml ? isMjmlDocument(body) : isHtmlDocument(body)
  if (layout !== "internal" && (layout === "none" || isDocument) && !mentionsUnsubscribe(body)) {
    errors.push({ field, line: null, column: null, message: "A marketing email without the shared layout must link to {{unsubscribe_url}}" })
  }
  const layoutSource = layout === "none" || isDocument ? null : LAYOUTS[layout][hasMjml ? "mjml" : "html"]
  const source = layoutSource ? applyLayout(layoutSource, body) : body
  if (bodyErrors.length) return { errors, htmlSource: null }
  if (!hasMjml) return { errors, htmlSource: source }

  const compiled = await compileMjml(source)
  const offset = layoutSource ? bodyLineOffset(layoutSource) : 0
  const bodyLines = body.split("\n").length
  for (const e of compiled.errors) {
    const line = e.line === null ? null : e.line - offset
    errors.push({ field, line: line !== null && line >= 1 && line <= bodyLines ? line : null, column: null, message: `MJML: ${e.message}` })
  }
  if (compiled.html) {
    errors.push(...droppedExpressions(field, body, source, compiled.html))
    // Never expected to fail once the source passed, but the send path must not discover it
    const outputErrors = validateHandlebars(field, compiled.html)
    errors.push(...outputErrors.map((e) => ({ ...e, line: null, column: null, message: `After MJML: ${e.message}` })))
  }
  return { errors, htmlSource: compiled.html || null }
}

/** Checks a template before it is saved: Handlebars syntax (line, column), helpers, partials, MJML. */
export async function validateTemplate(template: EmailTemplate): Promise<TemplateValidation> {
  const { errors } = await prepare(template)
  return errors.length ? { ok: false, errors } : { ok: true }
}

export interface CompiledTemplate {
  /** Synchronous and cheap: the send path. */
  render(context: Partial<RenderContext>): RenderedEmail
}

/** Validates and compiles a template once per version (cached); throws TemplateValidationError. */
export function compileTemplate(template: EmailTemplate): Promise<CompiledTemplate> {
  const key = hash(JSON.stringify([template.subject, template.html ?? null, template.mjml ?? null, template.text ?? null, layoutOf(template)]))
  const cached = templateCache.get(key)
  if (cached) {
    stats.templateCacheHits++
    return cached
  }
  stats.templateCompiles++
  const promise = (async (): Promise<CompiledTemplate> => {
    const { errors, htmlSource } = await prepare(template)
    if (errors.length || htmlSource === null) throw new TemplateValidationError(errors)
    const layout = layoutOf(template)
    const subject = compileHandlebars("text", template.subject)
    const html = compileHandlebars("html", htmlSource)
    const text = template.text?.trim()
      ? compileHandlebars("text", layout === "none" ? template.text : applyLayout(LAYOUTS[layout].text, template.text))
      : null
    return {
      render(context) {
        const ctx = prepareContext(context)
        const renderedHtml = html(ctx, RUNTIME_OPTIONS)
        return {
          // One line: no header injection, no stray newlines from block helpers
          subject: subject(ctx, RUNTIME_OPTIONS).replace(/\s+/g, " ").trim(),
          html: renderedHtml,
          text: text ? tidyText(text(ctx, RUNTIME_OPTIONS)) : htmlToText(renderedHtml),
        }
      },
    }
  })()
  templateCache.set(key, promise)
  promise.catch(() => templateCache.delete(key))
  return promise
}

/** Validates (once per template version), compiles (cached), applies the layout and renders. */
export async function renderTemplate(template: EmailTemplate, context: Partial<RenderContext>): Promise<RenderedEmail> {
  return (await compileTemplate(template)).render(context)
}

/**
 * For the admin's preview: SAMPLE_CONTEXT merged (one level deep) with what is given, and errors returned
 * instead of thrown.
 */
export async function renderPreview(
  template: EmailTemplate,
  context: Partial<RenderContext> = {}
): Promise<({ ok: true } & RenderedEmail) | { ok: false; errors: TemplateError[] }> {
  const merged: Record<string, unknown> = { ...SAMPLE_CONTEXT }
  for (const [key, value] of Object.entries(context)) {
    const base = (SAMPLE_CONTEXT as unknown as Record<string, unknown>)[key]
    merged[key] =
      value && typeof value === "object" && !Array.isArray(value) && base && typeof base === "object" && !Array.isArray(base)
        ? { ...base, ...value }
        : value
  }
  try {
    return { ok: true, ...(await renderTemplate(template, merged as Partial<RenderContext>)) }
  } catch (e) {
    if (e instanceof TemplateValidationError) return { ok: false, errors: e.errors }
    throw e
  }
}

function tidyText(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim()
    .concat("\n")
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'", "#x27": "'", "#x3D": "=", "#x60": "`" }

export function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (match, name: string) => {
    if (ENTITIES[name] !== undefined) return ENTITIES[name]
    if (name[0] === "#") {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10)
      return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : match
    }
    return match
  })
}

/** A readable plain-text version of rendered HTML, used when a template has no text body. */
export function htmlToText(html: string): string {
  const text = html
    .replace(/<!--[\s\S]*?-->/g, "")
    .replace(/<(head|style|script|title)\b[\s\S]*?<\/\1\s*>/gi, "")
    .replace(/<a\b[^>]*?\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))[^>]*>([\s\S]*?)<\/a\s*>/gi, (_m, d, s, u, inner) => {
      const href = decodeEntities(d ?? s ?? u ?? "")
      const label = inner.replace(/<[^>]+>/g, "").trim()
      if (!/^(https?:|mailto:)/i.test(href)) return label
      return label && decodeEntities(label) !== href ? `${label} (${href})` : href
    })
    .replace(/<br\s*\/?>/gi, "\n")
    .replace(/<li\b[^>]*>/gi, "- ")
    .replace(/<\/(p|div|h[1-6]|li|tr|table)\s*>/gi, "\n")
    .replace(/<\/td\s*>/gi, " ")
    .replace(/<[^>]+>/g, "")
  return tidyText(
    decodeEntities(text)
      .split("\n")
      .map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim())
      .join("\n")
  )
}
