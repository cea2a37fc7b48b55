import net from "net"

/**
 * A TCP proxy in front of the shared Postgres, so one spec's app can lose its
 * database (and get it back) while every other spec's Postgres keeps running.
 *
 * The port is known as soon as the proxy is made (a listen on port 0 binds at
 * once), so a spec can put it in its database URL while Jest collects tests.
 *
 *   holdRepliesAfterCommit(pattern)  a connection that sends a statement matching `pattern` and then a
 *                  COMMIT gets no answer from then on: Postgres has committed, the app never hears so (what a
 *                  crash right after a commit looks like)
 *   cut()          every connection dropped, new ones refused (ECONNREFUSED), as a stopped Postgres
 *   startingUp()   connections accepted and answered FATAL 57P03 "the database system is starting up"
 *   restore()      proxying again on the same port
 */
export class PostgresProxy {
  readonly port: number
  /** Connections the proxy has accepted, in total (tells whether the app really went through it). */
  accepted = 0
  private server: net.Server
  private mode: "open" | "refusing" | "starting" = "open"
  private holdAfter: RegExp | null = null
  private pairs = new Set<Pair>()

  constructor(private target = { host: "localhost", port: 5432 }) {
    this.server = this.listen(0)
    this.port = (this.server.address() as net.AddressInfo).port
  }

  holdRepliesAfterCommit(pattern: RegExp) {
    this.holdAfter = pattern
  }

  /** Drops every connection (their held answers with them) and closes the port. Returns how many were dropped. */
  async cut(): Promise<number> {
    this.mode = "refusing"
    this.holdAfter = null
    const dropped = this.pairs.size
    for (const pair of this.pairs) {
      pair.app.destroy()
      pair.db.destroy()
    }
    this.pairs.clear()
    await new Promise<void>((resolve) => this.server.close(() => resolve()))
    return dropped
  }

  async startingUp() {
    this.mode = "starting"
    await this.reopen()
  }

  /** Proxying again; connections still holding answers are dropped (those answers are lost). */
  async restore() {
    this.mode = "open"
    this.holdAfter = null
    for (const pair of this.pairs) if (pair.holding) this.drop(pair)
    await this.reopen()
  }

  async close() {
    await this.cut()
  }

  private async reopen() {
    if (this.server.listening) return
    this.server = this.listen(this.port)
    await new Promise<void>((resolve, reject) => {
      this.server.once("listening", resolve)
      this.server.once("error", reject)
    })
  }

  private listen(port: number): net.Server {
    const server = net.createServer((app) => this.accept(app))
    server.listen(port)
    return server
  }

  private accept(app: net.Socket) {
    this.accepted++
    app.on("error", () => undefined)
    if (this.mode === "starting") return this.answerStartingUp(app)
    if (this.mode !== "open") return app.destroy()

    const db = net.connect(this.target.port, this.target.host)
    const pair: Pair = { app, db, armed: false, holding: false }
    this.pairs.add(pair)
    const drop = () => this.drop(pair)
    app.on("data", (chunk) => {
      if (this.holdAfter) {
        const text = chunk.toString("latin1")
        if (this.holdAfter.test(text)) pair.armed = true
        if (pair.armed && /\bcommit\b/i.test(text)) pair.holding = true
      }
      db.write(chunk)
    })
    // Held answers are never delivered: the connection is cut before it is restored.
    db.on("data", (chunk) => void (pair.holding || app.write(chunk)))
    db.on("error", drop)
    app.on("close", drop)
    db.on("close", drop)
  }

  private drop(pair: Pair) {
    this.pairs.delete(pair)
    pair.app.destroy()
    pair.db.destroy()
  }

  /** What a restarting Postgres says to a new connection before it accepts queries. */
  private answerStartingUp(app: net.Socket) {
    app.on("data", (chunk) => {
      // SSLRequest (length 8, code 80877103): "no SSL", then the startup message follows.
      if (chunk.length === 8 && chunk.readInt32BE(4) === 80877103) return void app.write("N")
      app.end(errorResponse("FATAL", "57P03", "the database system is starting up"))
    })
  }
}

type Pair = { app: net.Socket; db: net.Socket; armed: boolean; holding: boolean }

/** A Postgres ErrorResponse message (protocol 3). */
function errorResponse(severity: string, code: string, message: string): Buffer {
  const fields = Buffer.concat([
    ...[["S", severity], ["V", severity], ["C", code], ["M", message]].map(([k, v]) => Buffer.from(`${k}${v}\0`)),
    Buffer.from([0]),
  ])
  const head = Buffer.alloc(5)
  head.write("E", 0)
  head.writeInt32BE(fields.length + 4, 1)
  return Buffer.concat([head, fields])
}
