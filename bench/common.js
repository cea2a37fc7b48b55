"use strict"
/** What the benchmarks share: running the load generator (bench/load.js) and medians. */
const { execFileSync, spawn } = require("child_process")
const fs = require("fs")
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

/** Clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS = 100

/**
 * Resident memory in kB and CPU time in seconds of a process and its
 * descendants (Linux /proc; `ps` elsewhere, memory only).
 */
function serverUsage(pid) {
  if (!fs.existsSync("/proc")) {
    return { kb: Number(execFileSync("ps", ["-o", "rss=", "-p", String(pid)]).toString().trim()), cpuSeconds: null, processes: 1 }
  }
  const stats = new Map()
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8")
      // The command name may hold spaces; the fields after its ")" are fixed: state, ppid, … utime (12th), stime (13th).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ")
      stats.set(Number(entry), { parent: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) })
    } catch {
      /* gone meanwhile */
    }
  }
  const tree = [pid]
  for (let i = 0; i < tree.length; i++) for (const [child, st] of stats) if (st.parent === tree[i]) tree.push(child)
  let kb = 0
  let ticks = 0
  for (const p of tree) {
    ticks += stats.get(p)?.ticks ?? 0
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${p}/status`, "utf8"))
      if (m) kb += Number(m[1])
    } catch {
      /* gone meanwhile */
    }
  }
  return { kb, cpuSeconds: ticks / TICKS, processes: tree.length }
}

module.exports = { adminApi, median, runLoad, serverUsage }
