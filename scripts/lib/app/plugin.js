"use strict"
/** "medusa plugin:build" at the plugin's root, and whether its build is stale. */
const fs = require("fs")
const path = require("path")
const { spawn } = require("child_process")
const { REPO_ROOT, progress, medusaCli, pluginServerDir, tail, filesUnder } = require("./common")

/**
 * Newest modification time (ms) of the files under `dir` (0 when empty/missing).
 * With `oldest`, the oldest instead.
 */
function treeMtime(dir, { oldest = false } = {}) {
  let result = oldest ? Infinity : 0
  for (const p of filesUnder(dir, { skip: ["node_modules", "__tests__"] })) {
    const m = fs.statSync(p).mtimeMs
    result = oldest ? Math.min(result, m) : Math.max(result, m)
  }
  return result === Infinity ? 0 : result
}

/** True when the plugin has no build or src/ changed after the last build. */
function pluginBuildIsStale(root = REPO_ROOT) {
  const server = pluginServerDir(root)
  if (!fs.existsSync(path.join(server, "src"))) return true
  return treeMtime(path.join(root, "src")) > treeMtime(server, { oldest: true })
}

/** "medusa plugin:build" at the plugin's root. */
async function buildPlugin(root = REPO_ROOT) {
  progress("building the plugin (medusa plugin:build, about 15 s)...")
  const t0 = Date.now()
  const logFile = path.join(root, ".medusa", "plugin-build.log")
  fs.mkdirSync(path.dirname(logFile), { recursive: true })
  const out = fs.openSync(logFile, "w")
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [medusaCli(), "plugin:build"], {
      cwd: root,
      env: { ...process.env, MEDUSA_DISABLE_TELEMETRY: "true" },
      stdio: ["ignore", out, out],
    })
    child.on("error", reject)
    child.on("exit", (c) => resolve(c))
  })
  fs.closeSync(out)
  if (code !== 0 || !fs.existsSync(path.join(pluginServerDir(root), "src"))) {
    throw new Error(`medusa plugin:build failed in ${root}. Last lines of ${logFile}:\n${tail(logFile)}`)
  }
  const seconds = (Date.now() - t0) / 1000
  progress(`plugin built in ${seconds.toFixed(0)} s`)
  return { seconds }
}

module.exports = { pluginBuildIsStale, buildPlugin }
