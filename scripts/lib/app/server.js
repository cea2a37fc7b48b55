"use strict"
/** "medusa start" on a port, waiting for /health, and a stop() that never leaves it behind. */
const fs = require("fs")
const net = require("net")
const path = require("path")
const http = require("http")
const { spawn } = require("child_process")
const { progress, shortPath, medusaCli, appEnv, tail } = require("./common")

/** Resolves true when nothing is listening on `port` (any interface). */
function portIsFree(port) {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once("error", () => resolve(false))
    server.listen({ port }, () => server.close(() => resolve(true)))
  }).then(
    (free) =>
      free &&
      new Promise((resolve) => {
        // Also refuse a port something answers on via localhost only.
        const socket = net.connect({ port, host: "127.0.0.1" })
        socket.setTimeout(500)
        socket.once("connect", () => {
          socket.destroy()
          resolve(false)
        })
        socket.once("timeout", () => {
          socket.destroy()
          resolve(true)
        })
        socket.once("error", () => resolve(true))
      })
  )
}

/** A free TCP port chosen by the OS. */
function getFreePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer()
    server.unref()
    server.once("error", reject)
    server.listen({ port: 0 }, () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

function httpGetStatus(url, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: timeoutMs }, (res) => {
      res.resume()
      resolve(res.statusCode)
    })
    req.on("timeout", () => {
      req.destroy()
      resolve(0)
    })
    req.on("error", () => resolve(0))
  })
}

/**
 * Runs "medusa start" from <dir>/.medusa/server and waits for GET /health.
 * @returns {Promise<{ url: string, port: number, pid: number, logFile: string, stop(): Promise<void> }>}
 */
async function startApp(dir, { port = 9000, timeoutMs = 180000, env = {}, logName = "server" } = {}) {
  dir = path.resolve(dir)
  const serverDir = path.join(dir, ".medusa", "server")
  if (!fs.existsSync(path.join(serverDir, "medusa-config.js"))) {
    throw new Error(`The app in ${dir} is not built (no .medusa/server). Run buildApp first.`)
  }
  if (!(await portIsFree(port))) {
    throw new Error(
      `Port ${port} is already in use, so the Medusa app cannot start on it. ` +
        `Stop whatever listens on ${port} or choose another port (PORT=<n>).`
    )
  }
  // The built app reads its .env from its own folder.
  if (fs.existsSync(path.join(dir, ".env"))) {
    fs.copyFileSync(path.join(dir, ".env"), path.join(serverDir, ".env"))
  }
  // Node resolves the plugin and @medusajs/* from <dir>/node_modules and the
  // repository's node_modules by walking up from .medusa/server.
  progress(`starting the Medusa app on port ${port}...`)
  const t0 = Date.now()
  const logFile = path.join(dir, "logs", `${logName}.log`)
  const out = fs.openSync(logFile, "w")
  // MMA_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the server (not allowed in NODE_OPTIONS).
  const nodeArgs = (process.env.MMA_SERVER_NODE_ARGS || "").split(" ").filter(Boolean)
  const child = spawn(process.execPath, [...nodeArgs, medusaCli(), "start", "-p", String(port)], {
    cwd: serverDir,
    env: appEnv(dir, { NODE_ENV: "production", PORT: String(port), ...env }),
    stdio: ["ignore", out, out],
    detached: true,
  })
  fs.closeSync(out)
  let exited = null
  const exitPromise = new Promise((resolve) => {
    child.on("exit", (code, signal) => {
      exited = { code, signal }
      resolve(exited)
    })
  })
  // Safety net: never leave the server behind when this process exits.
  const onExit = () => {
    if (!exited) {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch (e) {
        /* gone */
      }
    }
  }
  process.on("exit", onExit)

  const url = `http://localhost:${port}`
  const deadline = Date.now() + timeoutMs
  while (true) {
    if (exited) {
      process.removeListener("exit", onExit)
      throw new Error(
        `The Medusa app exited while starting (${exited.signal || `code ${exited.code}`}). Last lines of ${logFile}:\n${tail(logFile)}`
      )
    }
    if ((await httpGetStatus(`${url}/health`)) === 200) break
    if (Date.now() > deadline) {
      try {
        process.kill(-child.pid, "SIGKILL")
      } catch (e) {
        /* gone */
      }
      process.removeListener("exit", onExit)
      throw new Error(`The Medusa app did not answer ${url}/health within ${timeoutMs / 1000} s. Last lines of ${logFile}:\n${tail(logFile)}`)
    }
    await new Promise((r) => setTimeout(r, 300))
  }
  const seconds = (Date.now() - t0) / 1000
  progress(`Medusa app ready at ${url} in ${seconds.toFixed(1)} s (log: ${shortPath(logFile)})`)

  let stopping = null
  const stop = () => {
    if (stopping) return stopping
    stopping = (async () => {
      if (!exited) {
        try {
          process.kill(-child.pid, "SIGTERM")
        } catch (e) {
          /* gone */
        }
        const timer = setTimeout(() => {
          try {
            process.kill(-child.pid, "SIGKILL")
          } catch (e) {
            /* gone */
          }
        }, 10000)
        await exitPromise
        clearTimeout(timer)
      }
      process.removeListener("exit", onExit)
    })()
    return stopping
  }
  return { url, port, pid: child.pid, logFile, startSeconds: seconds, stop, exited: exitPromise }
}

module.exports = { startApp, getFreePort, portIsFree }
