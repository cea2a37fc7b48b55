"use strict"
/**
 * "medusa build" (cached by a fingerprint of what it depends on), migrations,
 * the admin user, and "medusa exec".
 */
const fs = require("fs")
const path = require("path")
const crypto = require("crypto")
const {
  MEDUSA_VERSION,
  REPO_ROOT,
  progress,
  pluginServerDir,
  assertPluginBuilt,
  readState,
  runMedusa,
  filesUnder,
} = require("./common")

/** A fingerprint of what the app build depends on. */
function buildFingerprint(dir) {
  const { pluginRoot = REPO_ROOT, adminAuthType } = readState(dir)
  const h = crypto.createHash("sha256")
  // The bundler reads the auth type from the environment, not the config.
  if (adminAuthType) h.update(`admin auth ${adminAuthType}\n`)
  for (const p of filesUnder(pluginServerDir(pluginRoot))) {
    const st = fs.statSync(p)
    h.update(`${path.relative(pluginRoot, p)}:${st.size}:${st.mtimeMs}\n`)
  }
  for (const f of ["medusa-config.ts", "tsconfig.json", "package.json"]) {
    try {
      h.update(`${f}\n${fs.readFileSync(path.join(dir, f), "utf8")}\n`)
    } catch (e) {
      h.update(`${f} missing\n`)
    }
  }
  try {
    h.update(fs.readFileSync(path.join(pluginRoot, "package.json"), "utf8"))
  } catch (e) {
    /* ignore */
  }
  // The installed packages (e.g. a react-router upgrade) change the admin bundle:
  // npm rewrites node_modules/.package-lock.json on every install.
  for (let d = path.dirname(dir); ; d = path.dirname(d)) {
    const lock = path.join(d, "node_modules", ".package-lock.json")
    if (fs.existsSync(lock)) {
      const st = fs.statSync(lock)
      h.update(`installed ${lock}:${st.size}:${st.mtimeMs}\n`)
      break
    }
    if (path.dirname(d) === d) break
  }
  h.update(`medusa ${MEDUSA_VERSION}`)
  return h.digest("hex")
}

function stampFile(dir) {
  return path.join(dir, ".mma-build-stamp")
}

/**
 * "medusa build" in `dir`, skipped when the plugin build and the app's
 * config are unchanged since the last successful build.
 * @returns {Promise<{ skipped: boolean, seconds: number }>}
 */
async function buildApp(dir, { force = false } = {}) {
  dir = path.resolve(dir)
  const state = readState(dir)
  assertPluginBuilt(state.pluginRoot || REPO_ROOT)
  const fingerprint = buildFingerprint(dir)
  const built =
    fs.existsSync(path.join(dir, ".medusa", "server", "medusa-config.js")) &&
    (state.adminEnabled === false || fs.existsSync(path.join(dir, ".medusa", "server", "public", "admin", "index.html")))
  let previous = null
  try {
    previous = fs.readFileSync(stampFile(dir), "utf8").trim()
  } catch (e) {
    /* none */
  }
  if (!force && built && previous === fingerprint) {
    progress("app build is up to date (plugin build and config unchanged); skipping medusa build")
    return { skipped: true, seconds: 0 }
  }
  progress(
    state.adminEnabled === false
      ? "building the Medusa app (about 15 s)..."
      : "building the Medusa app and its admin (about a minute)..."
  )
  const t0 = Date.now()
  try {
    fs.rmSync(stampFile(dir), { force: true })
  } catch (e) {
    /* ignore */
  }
  const env = state.adminAuthType ? { ADMIN_AUTH_TYPE: state.adminAuthType } : {}
  const { output } = await runMedusa(dir, ["build"], { name: "build", env })
  if (!fs.existsSync(path.join(dir, ".medusa", "server", "medusa-config.js"))) {
    throw new Error(`medusa build finished but produced no .medusa/server in ${dir}:\n${output.slice(-3000)}`)
  }
  fs.writeFileSync(stampFile(dir), fingerprint + "\n")
  const seconds = (Date.now() - t0) / 1000
  progress(`app built in ${seconds.toFixed(0)} s`)
  return { skipped: false, seconds }
}

/** "medusa db:migrate" against the app's database. */
async function migrate(dir) {
  dir = path.resolve(dir)
  progress("running database migrations (about 30 s on an empty database)...")
  const t0 = Date.now()
  await runMedusa(dir, ["db:migrate", "--execute-safe-links"], { name: "migrate" })
  const seconds = (Date.now() - t0) / 1000
  progress(`migrations done in ${seconds.toFixed(0)} s`)
  return { seconds }
}

/** "medusa user -e -p"; an existing user is fine. */
async function createAdminUser(dir, email, password) {
  dir = path.resolve(dir)
  progress(`creating the admin user ${email}`)
  const { code, output } = await runMedusa(dir, ["user", "-e", email, "-p", password], {
    name: "user",
    allowFailure: true,
  })
  if (code === 0) return { created: true }
  if (/already exists/i.test(output)) {
    progress(`admin user ${email} already exists`)
    return { created: false }
  }
  throw new Error(`Creating the admin user failed:\n${output.split("\n").slice(-30).join("\n")}`)
}

/** "medusa exec <file> [args]" in the app folder. */
async function execScript(dir, file, args = [], { name = "exec", env = {} } = {}) {
  dir = path.resolve(dir)
  return runMedusa(dir, ["exec", path.resolve(file), ...args], { name, env })
}

module.exports = { buildApp, migrate, createAdminUser, execScript }
