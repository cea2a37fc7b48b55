"use strict"
/**
 * The Redis that multi-instance tests and benchmarks run against: the one on
 * 127.0.0.1:6379, started (without persistence) when nothing answers there.
 *
 *   const { ensureRedis } = require("./redis")
 *   const redis = await ensureRedis()   // { ok: true, url, started } or { ok: false, reason }
 *
 * Run as a script it prints that result as JSON, so a Jest file can decide
 * synchronously (spawnSync) whether to run or skip.
 */
const net = require("net")
const { spawnSync } = require("child_process")

const HOST = "127.0.0.1"
const PORT = 6379

/** Resolves true when a Redis on host:port answers PING with PONG. */
function ping(host = HOST, port = PORT, timeoutMs = 1000) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port })
    let answer = ""
    const done = (ok) => {
      socket.destroy()
      resolve(ok)
    }
    socket.setTimeout(timeoutMs, () => done(false))
    socket.once("error", () => done(false))
    socket.once("connect", () => socket.write("PING\r\n"))
    socket.on("data", (d) => {
      answer += d
      if (answer.includes("\r\n")) done(answer.startsWith("+PONG"))
    })
  })
}

/** The Redis on 127.0.0.1:6379, started when it does not answer. */
async function ensureRedis() {
  const url = `redis://${HOST}:${PORT}`
  if (await ping()) return { ok: true, url, started: false }
  const run = spawnSync(
    "redis-server",
    ["--daemonize", "yes", "--bind", HOST, "--port", String(PORT), "--save", "", "--appendonly", "no"],
    { encoding: "utf8", timeout: 10000 }
  )
  if (run.error) {
    return { ok: false, reason: `Redis does not answer on ${HOST}:${PORT} and redis-server cannot run (${run.error.code || run.error.message})` }
  }
  for (let i = 0; i < 50; i++) {
    if (await ping()) return { ok: true, url, started: true }
    await new Promise((r) => setTimeout(r, 100))
  }
  const output = `${run.stdout || ""}${run.stderr || ""}`.trim().split("\n").slice(-3).join(" ")
  return { ok: false, reason: `Redis does not answer on ${HOST}:${PORT}, and starting redis-server did not help (exit ${run.status}: ${output || "no output"})` }
}

module.exports = { ensureRedis, ping }

if (require.main === module) {
  ensureRedis().then((result) => process.stdout.write(JSON.stringify(result) + "\n"))
}
