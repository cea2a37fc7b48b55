"use strict"
/**
 * Builds and runs a real Medusa store with this plugin installed, the way a
 * store owner would have it: a small app folder with its own medusa-config.ts
 * that lists the plugin by its package name. Shared by the demo, the browser
 * tests and the benchmarks.
 *
 *   const app = require("./medusa-app")
 *   await app.prepareApp({ dir, databaseUrl, pluginOptions })
 *   await app.buildApp(dir)       // skipped when nothing changed since the last build
 *   await app.migrate(dir)
 *   await app.createAdminUser(dir, "admin@example.com", "supersecret")
 *   const server = await app.startApp(dir, { port: 9000 })
 *   ...
 *   await server.stop()
 *
 * The app folder must live inside the repository so that Node finds the
 * repository's node_modules by walking up. Child command output goes to
 * <dir>/logs/<step>.log; the last lines are shown when a step fails.
 */
const common = require("./app/common")
const { prepareApp } = require("./app/files")
const { buildApp, migrate, createAdminUser, execScript } = require("./app/build")
const { startApp, getFreePort, portIsFree } = require("./app/server")
const { pluginBuildIsStale, buildPlugin } = require("./app/plugin")
const { migratedDatabase } = require("./app/template-db")

module.exports = {
  PLUGIN_NAME: common.PLUGIN_NAME,
  REPO_ROOT: common.REPO_ROOT,
  setLogPrefix: common.setLogPrefix,
  progress: common.progress,
  prepareApp,
  buildApp,
  migrate,
  createAdminUser,
  migratedDatabase,
  execScript,
  startApp,
  getFreePort,
  portIsFree,
  pluginBuildIsStale,
  buildPlugin,
  readEnvFile: common.readEnvFile,
  runMedusa: common.runMedusa,
}
