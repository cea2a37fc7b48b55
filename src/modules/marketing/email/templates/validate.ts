/**
 * Template validation: Handlebars syntax with line and column, helpers and partials that exist, and,
 * for MJML, MJML's own errors and expressions MJML would drop. A template that passes renders without
 * syntax, helper or partial errors at send time.
 */
import Handlebars from "handlebars"
import { KNOWN_HELPERS } from "./helpers"
import { KNOWN_PARTIALS } from "./layouts"
import type { TemplateError, TemplateField } from "./types"

type Node = { type: string; loc?: { start: { line: number; column: number } }; [key: string]: any }

const TOKEN_NAMES: Record<string, string> = {
  CLOSE: "}}",
  CLOSE_UNESCAPED: "}}}",
  CLOSE_RAW_BLOCK: "}}}}",
  CLOSE_SEXPR: ")",
  OPEN_ENDBLOCK: "{{/…}}",
  OPEN_SEXPR: "(",
  EOF: "the end of the template",
  INVALID: "an invalid character",
  ID: "a name",
  SEP: "a . or /",
}

function tokenName(token: string): string {
  const bare = token.replace(/^'|'$/g, "")
  return TOKEN_NAMES[bare] ? `'${TOKEN_NAMES[bare]}'` : `'${bare}'`
}

function describeParseError(message: string): string {
  const got = /got '([^']+)'\s*$/.exec(message)
  const expecting = /Expecting (.+), got/.exec(message)
  if (got) {
    const wanted = expecting ? expecting[1].split(/,\s*/).slice(0, 4).map(tokenName) : []
    return `Syntax error: unexpected ${tokenName(got[1])}${wanted.length ? `, expected ${wanted.join(" or ")}` : ""}`
  }
  if (/^Lexical error/.test(message)) return "Syntax error: unrecognized text"
  return message.split("\n")[0]
}

function err(field: TemplateField, line: number | null, column: number | null, message: string): TemplateError {
  return { field, line, column, message }
}

/** Parses with Handlebars and maps a failure to a line (1-based) and column (1-based). */
export function parseTemplate(field: TemplateField, source: string): { ast: Node | null; errors: TemplateError[] } {
  try {
    return { ast: Handlebars.parse(source) as unknown as Node, errors: [] }
  } catch (e: any) {
    if (typeof e?.lineNumber === "number") {
      // A Handlebars exception (e.g. "each doesn't match if - 3:5") carries its own position
      const message = String(e.message).replace(/ - \d+:\d+$/, "")
      return { ast: null, errors: [err(field, e.lineNumber, (e.column ?? 0) + 1, message)] }
    }
    // Jison parse errors only carry the line in their message; the lexer still holds the failing token
    const loc = (Handlebars as any).Parser?.lexer?.yylloc
    const fromMessage = /on line (\d+)/.exec(String(e?.message))
    const line = loc?.first_line ?? (fromMessage ? Number(fromMessage[1]) : null)
    const column = typeof loc?.first_column === "number" ? loc.first_column + 1 : null
    return { ast: null, errors: [err(field, line, column, describeParseError(String(e?.message ?? e)))] }
  }
}

function pos(node: Node | undefined): [number | null, number | null] {
  return node?.loc ? [node.loc.start.line, node.loc.start.column + 1] : [null, null]
}

/** Unknown helpers, unknown or dynamic partials and decorators, found by walking the AST. */
export function checkAst(field: TemplateField, ast: Node): TemplateError[] {
  const errors: TemplateError[] = []
  const report = (node: Node, message: string) => errors.push(err(field, ...pos(node), message))

  const checkCall = (node: Node, path: Node, isCall: boolean) => {
    if (!isCall || path?.type !== "PathExpression") return
    const name = path.original as string
    if (path.data || path.parts?.length !== 1 || !KNOWN_HELPERS.has(name)) {
      report(node, `Unknown helper "${name}"`)
    }
  }
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node !== "object") return
    switch (node.type) {
      case "Program":
        node.body.forEach(visit)
        return
      case "MustacheStatement":
      case "SubExpression":
      case "BlockStatement": {
        const hasArgs = (node.params?.length ?? 0) > 0 || (node.hash?.pairs?.length ?? 0) > 0
        checkCall(node, node.path, node.type === "SubExpression" || hasArgs)
        if (node.path?.type === "SubExpression") visit(node.path)
        node.params?.forEach(visit)
        node.hash?.pairs?.forEach((pair: Node) => visit(pair.value))
        visit(node.program)
        visit(node.inverse)
        return
      }
      case "PartialStatement":
      case "PartialBlockStatement": {
        if (node.name?.type !== "PathExpression") {
          report(node, "Dynamic partials are not allowed")
        } else if (!KNOWN_PARTIALS.has(node.name.original)) {
          report(node, `Unknown partial "${node.name.original}" (available: ${[...KNOWN_PARTIALS].join(", ")})`)
        }
        node.params?.forEach(visit)
        node.hash?.pairs?.forEach((pair: Node) => visit(pair.value))
        visit(node.program)
        return
      }
      case "DecoratorBlock":
      case "Decorator":
        report(node, "Decorators are not allowed")
        return
      default:
        return
    }
  }
  visit(ast)
  return errors
}

/** Handlebars syntax, helpers and partials of one source. */
export function validateHandlebars(field: TemplateField, source: string): TemplateError[] {
  const { ast, errors } = parseTemplate(field, source)
  if (!ast) return errors
  const astErrors = checkAst(field, ast)
  if (astErrors.length) return astErrors
  try {
    // Compiler-level checks (e.g. invalid "../" paths) that parsing alone does not make
    Handlebars.precompile(source, { strict: false })
  } catch (e: any) {
    return [err(field, e?.lineNumber ?? null, typeof e?.column === "number" ? e.column + 1 : null, String(e?.message ?? e).replace(/ - \d+:\d+$/, ""))]
  }
  return []
}

/** 1-based line and column of every `{{…}}` expression in a source. */
export function expressionsWithPositions(source: string): { token: string; line: number; column: number }[] {
  const out: { token: string; line: number; column: number }[] = []
  const re = /\{\{[\s\S]*?\}\}\}?/g
  let match: RegExpExecArray | null
  while ((match = re.exec(source))) {
    const before = source.slice(0, match.index)
    const line = before.split("\n").length
    out.push({ token: match[0], line, column: match.index - before.lastIndexOf("\n") })
  }
  return out
}

/**
 * Expressions of a body that appear fewer times in MJML's output than in its source (the body within its
 * layout): MJML dropped them. Reported at the body's first occurrence of the expression.
 */
export function droppedExpressions(field: TemplateField, body: string, source: string, compiled: string): TemplateError[] {
  const expressions = expressionsWithPositions(body)
  const errors: TemplateError[] = []
  for (const token of new Set(expressions.map((e) => e.token))) {
    const expected = source.split(token).length - 1
    const found = compiled.split(token).length - 1
    if (found < expected) {
      const first = expressions.find((e) => e.token === token)!
      errors.push(
        err(field, first.line, first.column, `MJML drops ${token} here: put Handlebars blocks and partials inside mj-text, mj-raw, mj-button or mj-table, or in an attribute value`)
      )
    }
  }
  return errors
}
