"use strict"
/** What the benchmarks share: running the load generator (bench/load.js) and medians. */
const { spawn } = require("child_process")
const path = require("path")

/** Runs one autocannon scenario in a child process; resolves its JSON summary. */
function runLoad(scenario) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(__dirname, "load.js"), JSON.stringify(scenario)], {
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (d) => (out += d))
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop())) : reject(new Error(`load generator exited ${code}`))))
  })
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b)
  const m = Math.floor(s.length / 2)
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2
}

/** Calls the bench store's admin API with the bench admin's token; a non-2xx answer throws with its body. */
function adminApi(url, token) {
  return async (method, pathname, body) => {
    const res = await fetch(`${url}${pathname}`, {
      method,
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: body ? JSON.stringify(body) : undefined,
    })
    if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`)
    return res.json()
  }
}

module.exports = { adminApi, median, runLoad }
