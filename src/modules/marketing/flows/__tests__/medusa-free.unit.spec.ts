/**
 * The flow builder runs the server's own validation in the browser, so the
 * definition, its validation and the recipes must load without Medusa (and
 * the validation without Node's built-ins). Checked on the modules a file
 * loads at run time: its imports and re-exports, followed through relative
 * paths, type-only ones left out (the compiler erases them).
 */
import fs from "fs"
import path from "path"
import ts from "typescript"

const FLOWS = path.resolve(__dirname, "..")

function resolveRelative(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec)
  const file = [`${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")].find((f) => fs.existsSync(f))
  if (!file) throw new Error(`cannot resolve ${spec} from ${from}`)
  return file
}

/** Runtime imports of one file: skips `import type`, `export type` and imports of types only. */
function runtimeImports(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true)
  const specs: string[] = []
  for (const node of source.statements) {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause
      if (clause?.isTypeOnly) continue
      const named = clause?.namedBindings
      const onlyTypes = clause && !clause.name && named && ts.isNamedImports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)
      if (!onlyTypes) specs.push((node.moduleSpecifier as ts.StringLiteral).text)
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && !node.isTypeOnly) {
      const named = node.exportClause
      if (named && ts.isNamedExports(named) && named.elements.length > 0 && named.elements.every((e) => e.isTypeOnly)) continue
      specs.push((node.moduleSpecifier as ts.StringLiteral).text)
    }
  }
  return specs
}

/** Every package (non-relative specifier) loaded when `entry` is, with the chain of files that leads to it. */
function packagesLoadedBy(entry: string): Map<string, string> {
  const packages = new Map<string, string>()
  const seen = new Set<string>()
  const visit = (file: string, chain: string[]) => {
    if (seen.has(file)) return
    seen.add(file)
    for (const spec of runtimeImports(file)) {
      if (spec.startsWith(".")) visit(resolveRelative(file, spec), [...chain, path.relative(FLOWS, file)])
      else if (!packages.has(spec)) packages.set(spec, [...chain, path.relative(FLOWS, file)].join(" -> "))
    }
  }
  visit(entry, [])
  return packages
}

const medusaIn = (packages: Map<string, string>) =>
  [...packages].filter(([name]) => name.startsWith("@medusajs/")).map(([name, chain]) => `${name} (${chain})`)

describe("flows without Medusa", () => {
  it("sees Medusa where it is imported: the plugin's options parse with Medusa's zod", () => {
    expect(medusaIn(packagesLoadedBy(path.join(FLOWS, "../options.ts")))).toEqual([
      expect.stringMatching(/^@medusajs\/framework\/zod /),
    ])
    // A type-only import does not count.
    expect(medusaIn(packagesLoadedBy(path.join(FLOWS, "../email/settings.ts")))).toEqual([])
  })

  it("the barrel (definition, validation, recipes, actions) loads no Medusa module", () => {
    expect(medusaIn(packagesLoadedBy(path.join(FLOWS, "index.ts")))).toEqual([])
  })

  it("the validation and the recipes load no package at all, not even Node's built-ins, as a browser bundle needs", () => {
    expect([...packagesLoadedBy(path.join(FLOWS, "graph.ts"))]).toEqual([])
    expect([...packagesLoadedBy(path.join(FLOWS, "recipes/index.ts"))]).toEqual([])
  })

  it("validates a definition when loaded", () => {
    const { validateFlowDefinition } = require("../index") as typeof import("../index")
    expect(validateFlowDefinition({
      trigger: { type: "event", event: { type: "custom:quiz_done" } },
      reentry: { policy: "once" },
      start: "tag",
      steps: { tag: { type: "update_contact", add_tags: ["quiz"] } },
    })).toMatchObject({ ok: true })
  })
})
