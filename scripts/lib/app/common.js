"use strict"
/**
 * What every step of running a Medusa app shares: names and paths, progress
 * lines, the app folder's state file and .env, and running the medusa CLI.
 */
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")

const PLUGIN_NAME = "medusa-marketing-automation"
const MEDUSA_VERSION = "2.21.2"
const REPO_ROOT = path.resolve(__dirname, "..", "..", "..")

let prefix = "app"
/** Sets the tag printed before progress lines, e.g. "demo" → "[demo] ...". */
function setLogPrefix(p) {
  prefix = p
}
function progress(message) {
  process.stdout.write(`[${prefix}] ${message}\n`)
}

/** A path relative to the current directory when it is inside it. */
function shortPath(p) {
  const rel = path.relative(process.cwd(), p)
  return rel && !rel.startsWith("..") && !path.isAbsolute(rel) ? rel : p
}

function medusaCli() {
  return require.resolve("@medusajs/cli/cli.js", { paths: [REPO_ROOT] })
}

function pluginServerDir(root = REPO_ROOT) {
  return path.join(root, ".medusa", "server")
}

function assertPluginBuilt(root = REPO_ROOT) {
  const server = pluginServerDir(root)
  if (!fs.existsSync(path.join(server, "src"))) {
    throw new Error(
      `The plugin is not built: ${server} is missing. Run "npx medusa plugin:build" in ${root} first.`
    )
  }
}

function readState(dir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(dir, ".mma-app.json"), "utf8"))
  } catch (e) {
    return {}
  }
}
function writeState(dir, patch) {
  const next = { ...readState(dir), ...patch }
  fs.writeFileSync(path.join(dir, ".mma-app.json"), JSON.stringify(next, null, 2) + "\n")
  return next
}

/** Reads KEY=VALUE lines of a .env file. */
function readEnvFile(file) {
  const out = {}
  if (!fs.existsSync(file)) return out
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    const m = line.match(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)\s*$/)
    if (m) out[m[1]] = m[2].replace(/^"(.*)"$/, "$1")
  }
  return out
}

/** Environment for the medusa CLI run in `dir`: the app's .env over our env. */
function appEnv(dir, extra = {}) {
  // The app's connections are what prepareApp wrote to its .env, not whatever
  // the calling shell happens to export.
  const inherited = { ...process.env }
  for (const k of ["DATABASE_URL", "REDIS_URL", "MMA_APP_ID"]) delete inherited[k]
  const env = { ...inherited, ...readEnvFile(path.join(dir, ".env")), ...extra }
  // The CLI would otherwise ask about telemetry / print update notices.
  env.MEDUSA_DISABLE_TELEMETRY = "true"
  env.DO_NOT_TRACK = "1"
  delete env.MEDUSA_BACKEND_URL
  if (!env.REDIS_URL) delete env.REDIS_URL
  return env
}

/** The files under `dir`, depth first in name order; none when it is missing. */
function filesUnder(dir, { skip = [] } = {}) {
  const files = []
  const walk = (d) => {
    let entries = []
    try {
      entries = fs.readdirSync(d, { withFileTypes: true })
    } catch (e) {
      return
    }
    entries.sort((a, b) => a.name.localeCompare(b.name))
    for (const e of entries) {
      if (skip.includes(e.name)) continue
      const p = path.join(d, e.name)
      if (e.isDirectory()) walk(p)
      else files.push(p)
    }
  }
  walk(dir)
  return files
}

function tail(file, lines = 40) {
  try {
    const all = fs.readFileSync(file, "utf8").split("\n")
    return all.slice(-lines).join("\n")
  } catch (e) {
    return "(no output)"
  }
}

/**
 * Runs the medusa CLI in `cwd`, output to <dir>/logs/<name>.log.
 * Resolves { code, output }; rejects when it fails (unless allowFailure).
 */
function runMedusa(dir, args, { name, cwd = dir, env = {}, allowFailure = false, timeoutMs = 15 * 60 * 1000 } = {}) {
  const logFile = path.join(dir, "logs", `${name || args[0].replace(/[^a-z]/gi, "-")}.log`)
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const out = fs.openSync(logFile, "w")
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [medusaCli(), ...args], {
      cwd,
      env: appEnv(dir, env),
      stdio: ["ignore", out, out],
    })
    const timer = setTimeout(() => {
      child.kill("SIGKILL")
    }, timeoutMs)
    child.on("error", (e) => {
      clearTimeout(timer)
      fs.closeSync(out)
      reject(e)
    })
    child.on("exit", (code, signal) => {
      clearTimeout(timer)
      fs.closeSync(out)
      const output = fs.readFileSync(logFile, "utf8")
      if (code === 0 || allowFailure) return resolve({ code, signal, output })
      reject(
        new Error(
          `"medusa ${args.join(" ")}" failed (${signal ? `signal ${signal}` : `exit code ${code}`}) in ${cwd}.\n` +
            `Last lines of ${logFile}:\n${tail(logFile)}`
        )
      )
    })
  })
}

module.exports = {
  PLUGIN_NAME,
  MEDUSA_VERSION,
  REPO_ROOT,
  setLogPrefix,
  progress,
  shortPath,
  medusaCli,
  pluginServerDir,
  assertPluginBuilt,
  readState,
  writeState,
  readEnvFile,
  appEnv,
  filesUnder,
  tail,
  runMedusa,
}
