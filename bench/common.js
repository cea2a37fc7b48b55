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

/**
 * The server's full garbage collections as --trace-gc logs them ("… ms: Mark-Compact
 * 949.1 (995.6) -> 236.9 (788.6) MB, …"): the heap left after one is what the
 * server still holds, so a leak shows there even while resident memory only
 * says how much V8 keeps reserved. Reads what the log gained since the last call.
 */
function gcReader(logFile) {
  if (!logFile || !fs.existsSync(logFile)) return () => []
  let offset = fs.statSync(logFile).size
  let rest = ""
  return () => {
    const size = fs.statSync(logFile).size
    if (size <= offset) return []
    const fd = fs.openSync(logFile, "r")
    const buf = Buffer.alloc(size - offset)
    fs.readSync(fd, buf, 0, buf.length, offset)
    fs.closeSync(fd)
    offset = size
    const lines = (rest + buf.toString("utf8")).split("\n")
    rest = lines.pop()
    const gcs = []
    for (const line of lines) {
      const m = /ms: Mark-Compact[^\d]*([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(line)
      if (m) gcs.push({ before_mb: Number(m[1]), after_mb: Number(m[3]), reserved_mb: Number(m[4]) })
    }
    return gcs
  }
}

/**
 * Milliseconds from `t0` (process.hrtime.bigint()) until the visitor's contact
 * is an open member of the segment, polling every `everyMs`; throws after 30 s.
 */
async function msUntilMember(client, { segmentId, anonymousId, t0, everyMs = 10 }) {
  for (;;) {
    const { rows } = await client.query(
      `SELECT 1 FROM marketing_segment_membership m JOIN marketing_visitor v ON v.contact_id = m.contact_id
        WHERE m.segment_id = $1 AND v.anonymous_id = $2 AND v.deleted_at IS NULL AND m.exited_at IS NULL AND m.deleted_at IS NULL`,
      [segmentId, anonymousId]
    )
    const ms = Number(process.hrtime.bigint() - t0) / 1e6
    if (rows.length) return ms
    if (ms > 30000) throw new Error(`no membership 30 s after the event for ${anonymousId}`)
    await new Promise((r) => setTimeout(r, everyMs))
  }
}

/** Opens a pg client on the bench database; a dropped connection is not an uncaught error. */
function pgConnector(connectionString) {
  const { Client } = require("pg")
  return async () => {
    const c = new Client({ connectionString })
    c.on("error", () => {})
    await c.connect()
    return c
  }
}

module.exports = { adminApi, pgConnector, gcReader, median, msUntilMember, runLoad, serverUsage }
