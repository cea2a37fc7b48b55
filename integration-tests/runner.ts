import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { spawnSync } from "child_process"
import { createHash } from "crypto"
import fs from "fs"
import http from "http"
import path from "path"
import { Client } from "pg"
import { holdToReference } from "./contract"

type RunnerOptions = Parameters<typeof medusaIntegrationTestRunner>[0]

const ROOT = path.resolve(__dirname, "..")
// Every test app has the same modules and links, so one template serves them all. It is migrated in the plain app:
// app-smtp names its provider by package name, which a `medusa db:migrate` child process cannot resolve.
const TEMPLATE_APP = path.join(__dirname, "app")
const TEMPLATE_PREFIX = "mma_test_tpl_"

/**
 * `medusaIntegrationTestRunner`, with the suite's database copied from a
 * migrated template instead of migrated from nothing. Migrating Medusa's
 * modules, the links and the plugin takes about 20 s; a copy (`CREATE DATABASE
 * … TEMPLATE`) about a second. The runner then finds nothing to migrate and
 * goes on as usual (its own per-test snapshot and restore included).
 *
 * The template is made once, by `medusa db:migrate` in the test app folder,
 * and named after the plugin's built migrations and the installed Medusa, so a
 * new migration makes a new template (older ones are dropped then). Set
 * MMA_TEST_NO_TEMPLATE=1 to migrate every suite from nothing, as the runner
 * alone does.
 */
export function marketingTestRunner({ pluginOptions, ...options }: RunnerOptions & { pluginOptions?: Record<string, unknown> }) {
  if (pluginOptions) {
    // Read by the test app's medusa-config, which the runner loads before it applies its own `env`.
    let previous: string | undefined
    beforeAll(() => {
      previous = process.env.MMA_TEST_PLUGIN_OPTIONS
      process.env.MMA_TEST_PLUGIN_OPTIONS = JSON.stringify(pluginOptions)
    })
    afterAll(() => {
      if (previous === undefined) delete process.env.MMA_TEST_PLUGIN_OPTIONS
      else process.env.MMA_TEST_PLUGIN_OPTIONS = previous
    })
  }
  const spec = path.basename(expect.getState().testPath ?? "suite", ".spec.ts").replace(/[^a-z0-9]/gi, "_").toLowerCase()
  // MMA_TEST_DB_SUFFIX keeps two checkouts running the same spec at once off each other's database.
  const dbName = `mma_test_${spec}_${process.env.JEST_WORKER_ID ?? "1"}${process.env.MMA_TEST_DB_SUFFIX ? `_${process.env.MMA_TEST_DB_SUFFIX}` : ""}`
  if (process.env.MMA_TEST_NO_TEMPLATE !== "1") {
    // Registered before the runner's own beforeAll, so the database exists (and is migrated) when it starts.
    beforeAll(async () => {
      const template = await ensureTemplate()
      if (template) await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${ident(dbName)} WITH (FORCE)`)
        await c.query(`CREATE DATABASE ${ident(dbName)} TEMPLATE ${ident(template)}`)
      })
    }, 300_000)
  }
  // Every response of the plugin's routes is held to the API reference (contract.ts).
  const testSuite: RunnerOptions["testSuite"] = (context) => {
    // Node 20's default agent keeps sockets alive, and the server closes idle ones after 5 s: a request sent on a
    // socket the server is closing at that moment fails with ECONNRESET (seen once, after a 5 s pause in a spec).
    // A connection per request costs nothing on loopback.
    beforeAll(() => {
      context.api.defaults.httpAgent = new http.Agent({ keepAlive: false })
    })
    holdToReference(context.api, spec)
    return options.testSuite(context)
  }
  return medusaIntegrationTestRunner({ ...options, testSuite, dbName })
}

const ident = (name: string) => `"${name.replace(/"/g, '""')}"`

function connection(database = "postgres") {
  return {
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || undefined,
    database,
  }
}

async function admin<T>(work: (c: Client) => Promise<T>): Promise<T> {
  const client = new Client(connection())
  await client.connect()
  try {
    return await work(client)
  } finally {
    await client.end().catch(() => undefined)
  }
}

/** What the template's schema depends on: the plugin's built migrations and links, and the installed Medusa. */
function templateName(): string {
  const h = createHash("sha256")
  const built = path.join(ROOT, ".medusa", "server", "src")
  for (const dir of [path.join(built, "modules", "marketing", "migrations"), path.join(built, "links")]) {
    for (const f of fs.existsSync(dir) ? fs.readdirSync(dir).sort() : []) {
      const file = path.join(dir, f)
      if (fs.statSync(file).isFile()) h.update(`${f}\n`).update(fs.readFileSync(file))
    }
  }
  const lock = path.join(ROOT, "node_modules", ".package-lock.json")
  if (fs.existsSync(lock)) h.update(fs.readFileSync(lock))
  return TEMPLATE_PREFIX + h.digest("hex").slice(0, 16)
}

/** The migrated template's name, making it first when missing; null when it cannot be made (the runner then migrates). */
async function ensureTemplate(): Promise<string | null> {
  const template = templateName()
  const exists = await admin(async (c) => (await c.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [template])).rowCount)
  if (exists) return template

  // Made under a name of its own, then renamed: a half-migrated template is never used.
  const building = `${template}_${process.pid}`
  await admin((c) => c.query(`CREATE DATABASE ${ident(building)}`))
  const { host, port, user, password } = connection()
  const url = `postgres://${encodeURIComponent(user)}${password ? `:${encodeURIComponent(password)}` : ""}@${host}:${port}/${building}`
  const result = spawnSync(
    process.execPath,
    [require.resolve("@medusajs/cli/cli.js"), "db:migrate", "--skip-scripts", "--execute-all-links", "--execute-all-search"],
    { cwd: TEMPLATE_APP, env: { ...process.env, DATABASE_URL: url, NODE_OPTIONS: "" }, encoding: "utf8", timeout: 240_000 }
  )
  if (result.status !== 0) {
    await admin((c) => c.query(`DROP DATABASE IF EXISTS ${ident(building)} WITH (FORCE)`))
    process.stdout.write(`[test] no template database (medusa db:migrate failed), migrating this suite from nothing:\n${`${result.stdout}${result.stderr}`.slice(-2000)}\n`)
    return null
  }
  return admin(async (c) => {
    try {
      await c.query(`ALTER DATABASE ${ident(building)} RENAME TO ${ident(template)}`)
    } catch {
      // Another process made it meanwhile: use theirs.
      await c.query(`DROP DATABASE IF EXISTS ${ident(building)} WITH (FORCE)`)
    }
    // Older templates (other migrations); one still being made elsewhere has a longer name and stays. A checkout
    // run beside others (MMA_TEST_DB_SUFFIX) leaves them: theirs may have other migrations and be in use.
    if (process.env.MMA_TEST_DB_SUFFIX) return template
    const { rows } = await c.query(`SELECT datname FROM pg_database WHERE datname ~ $1 AND datname <> $2`, [`^${TEMPLATE_PREFIX}[0-9a-f]{16}$`, template])
    for (const { datname } of rows) await c.query(`DROP DATABASE IF EXISTS ${ident(datname)} WITH (FORCE)`)
    return template
  })
}
