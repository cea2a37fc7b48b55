/**
 * The test storefront (integration-tests/storefront, Next.js 15 App Router):
 * built once with `next build` (cached while its sources, the tracker and the
 * server helper are unchanged), then served with `next start` on a free port
 * against a running Medusa app.
 */
import { spawn, spawnSync } from "child_process"
import crypto from "crypto"
import fs from "fs"
import http from "http"
import path from "path"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const medusaApp = require("../../../scripts/lib/medusa-app")

const ROOT = path.resolve(__dirname, "..", "..", "..")
export const STOREFRONT_DIR = path.join(ROOT, "integration-tests", "storefront")
const NEXT_BIN = path.join(ROOT, "node_modules", "next", "dist", "bin", "next")
const HASH_FILE = path.join(STOREFRONT_DIR, ".next", ".mma-build-hash")

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    if ([".next", "node_modules", "public", "next-env.d.ts"].includes(e.name)) return []
    const p = path.join(dir, e.name)
    return e.isDirectory() ? sourceFiles(p) : [p]
  })
}

function buildHash(): string {
  const h = crypto.createHash("sha256")
  const files = [
    ...sourceFiles(STOREFRONT_DIR).sort(),
    path.join(ROOT, "tracker", "marketing-tracker.js"),
    path.join(ROOT, "tracker", "server.js"),
    path.join(ROOT, "node_modules", "next", "package.json"),
  ]
  for (const f of files) h.update(path.relative(ROOT, f)).update(fs.readFileSync(f))
  return h.digest("hex")
}

/**
 * Links the plugin package into the storefront's node_modules (imported by
 * name, as a store's storefront does), copies the tracker into public/, and
 * runs `next build` unless the last build had the same inputs.
 */
export function buildStorefront(log: (m: string) => void): { seconds: number; cached: boolean } {
  const link = path.join(STOREFRONT_DIR, "node_modules", "medusa-marketing-automation")
  fs.mkdirSync(path.dirname(link), { recursive: true })
  if (!fs.existsSync(link)) fs.symlinkSync(ROOT, link, "dir")
  fs.mkdirSync(path.join(STOREFRONT_DIR, "public"), { recursive: true })
  fs.copyFileSync(path.join(ROOT, "tracker", "marketing-tracker.js"), path.join(STOREFRONT_DIR, "public", "marketing-tracker.js"))

  const hash = buildHash()
  if (fs.existsSync(HASH_FILE) && fs.readFileSync(HASH_FILE, "utf8") === hash) {
    log("storefront build is up to date (cached)")
    return { seconds: 0, cached: true }
  }
  log("building the test storefront (next build)...")
  const t0 = Date.now()
  const r = spawnSync(process.execPath, [NEXT_BIN, "build"], {
    cwd: STOREFRONT_DIR,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    encoding: "utf8",
  })
  if (r.status !== 0) throw new Error(`next build failed:\n${(r.stdout || "") + (r.stderr || "")}`.slice(-4000))
  fs.writeFileSync(HASH_FILE, hash)
  const seconds = (Date.now() - t0) / 1000
  log(`storefront built in ${seconds.toFixed(1)} s`)
  return { seconds, cached: false }
}

function status(url: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 5000 }, (res) => {
      res.resume()
      resolve(res.statusCode || 0)
    })
    req.on("error", () => resolve(0))
    req.on("timeout", () => {
      req.destroy()
      resolve(0)
    })
  })
}

/** `next start` on a free port; the backend URL and publishable key are read at request time. */
export async function startStorefront(opts: { backendUrl: string; publishableKey: string; log: (m: string) => void }) {
  const port: number = await medusaApp.getFreePort()
  const logFile = path.join(STOREFRONT_DIR, ".next", "storefront.log")
  const out = fs.openSync(logFile, "w")
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "localhost"], {
    cwd: STOREFRONT_DIR,
    env: {
      ...process.env,
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      MEDUSA_BACKEND_URL: opts.backendUrl,
      MEDUSA_PUBLISHABLE_KEY: opts.publishableKey,
      // Plain http on localhost: the starter's Secure flag would drop the cookies.
      STOREFRONT_INSECURE_COOKIES: "true",
    },
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  let exited = false
  child.on("exit", () => (exited = true))
  const kill = (signal: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, signal)
    } catch {
      /* gone */
    }
  }
  process.on("exit", () => kill("SIGKILL"))
  const url = `http://localhost:${port}`
  const deadline = Date.now() + 60_000
  while ((await status(url + "/marketing-tracker.js")) !== 200) {
    if (exited || Date.now() > deadline) {
      kill("SIGKILL")
      throw new Error(`The storefront did not start:\n${fs.readFileSync(logFile, "utf8").slice(-3000)}`)
    }
    await new Promise((r) => setTimeout(r, 250))
  }
  opts.log(`storefront ready at ${url} (log: ${path.relative(ROOT, logFile)})`)
  return {
    url,
    logFile,
    async stop() {
      if (exited) return
      const done = new Promise((r) => child.once("exit", r))
      kill("SIGTERM")
      await Promise.race([done, new Promise((r) => setTimeout(r, 5000))])
      kill("SIGKILL")
    },
  }
}
