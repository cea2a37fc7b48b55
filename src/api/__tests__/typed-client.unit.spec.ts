import { spawnSync } from "child_process"
import fs from "fs"
import path from "path"
import ts from "typescript"

const ROOT = path.resolve(__dirname, "../../..")
// Under node_modules, so the example resolves @medusajs/js-sdk as a store's code would.
const WORK = path.join(ROOT, "node_modules/.cache/mma-typed-client")

/** The README's typed-client example: the first `ts` block after the openapi-typescript command. */
function readmeExample(): string {
  const readme = fs.readFileSync(path.join(ROOT, "README.md"), "utf8")
  const from = readme.indexOf("npx openapi-typescript")
  const block = readme.slice(from).match(/```ts\n([\s\S]*?)```/)
  if (from < 0 || !block) throw new Error("README: no typed-client example after `npx openapi-typescript`")
  return block[1]
}

function typeErrors(files: Record<string, string>): string[] {
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(WORK, name), text)
  const program = ts.createProgram(
    Object.keys(files).filter((f) => f.endsWith(".ts")).map((f) => path.join(WORK, f)),
    { noEmit: true, strict: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, skipLibCheck: true, types: ["node"] }
  )
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))
}

describe("a typed client generated from openapi.json", () => {
  jest.setTimeout(120_000)

  beforeAll(() => {
    fs.mkdirSync(path.join(WORK, "types"), { recursive: true })
    // The README's command (the CLI is an ES module, which Jest's require cannot load).
    const cli = path.join(ROOT, "node_modules/openapi-typescript/bin/cli.js")
    const result = spawnSync(process.execPath, [cli, path.join(ROOT, "openapi.json"), "-o", path.join(WORK, "types/marketing-api.d.ts")], { encoding: "utf8" })
    if (result.status !== 0) throw new Error(`openapi-typescript failed: ${result.stderr}`)
  })

  it("compiles the README's example", () => {
    expect(typeErrors({ "example.ts": readmeExample() })).toEqual([])
  })

  it("catches a wrong body, a wrong answer field and an unknown route at compile time", () => {
    const example = readmeExample()
    const wrong = `${example}
// @ts-expect-error anonymous_id is a string
const bad: Body<"/store/marketing/events", "post"> = { type: "page_viewed", anonymous_id: 12345678 }
// @ts-expect-error the answer has no such field
void (null as unknown as Answer<"/store/marketing/events", "post">).stored
// @ts-expect-error no such route
type Missing = Answer<"/store/marketing/nothing", "get">
void bad
`
    expect(typeErrors({ "example.ts": wrong })).toEqual([])
  })
})
