import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../modules/marketing"
import type MarketingModuleService from "../../modules/marketing/service"

/** Seconds a client is told to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5
const PROBE_INTERVAL_MS = 1000

// The parts of knex's tarn pool read here (its events are how Medusa itself notices failed connects).
type Pool = {
  acquireTimeoutMillis: number
  on(event: "createFail" | "createSuccess", listener: (...args: unknown[]) => void): void
}
type Knex = { client?: { pool?: Pool }; raw(sql: string): Promise<unknown> }

/**
 * Whether the shared database pool can reach Postgres, from the pool's own
 * connect attempts and from the errors requests meet. While it cannot, the
 * plugin's routes answer 503 without waiting, one probe a second looks for
 * its return, and (option `outage.waitSeconds`) a request waits that long for a
 * connection instead of the pool's 60 s. Medusa's pool retries connects
 * quietly (`propagateCreateError: false`), so without this a request that
 * arrives during an outage hangs until Postgres is back or a minute passes.
 */
class DatabaseHealth {
  private down = false
  private probing = false
  private readonly normalWaitMs: number

  constructor(private readonly knex: Knex, private readonly pool: Pool, private readonly outageWaitMs: number) {
    this.normalWaitMs = pool.acquireTimeoutMillis
    pool.on("createFail", () => this.markDown())
    pool.on("createSuccess", () => this.markUp())
  }

  /** True while Postgres is known to be unreachable. */
  isDown(): boolean {
    return this.down
  }

  /**
   * Whether Postgres answers now (a `SELECT 1` within `withinMs`): an error that
   * looks like a lost connection may come from elsewhere (an SMTP server, a
   * webhook's host). False marks the pool down.
   */
  async confirmDown(withinMs = 2000): Promise<boolean> {
    if (this.down) return true
    let timer: NodeJS.Timeout | undefined
    const answered = await Promise.race([
      this.knex.raw("SELECT 1").then(() => true, () => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), withinMs))),
    ])
    clearTimeout(timer)
    if (!answered) this.markDown()
    return !answered
  }

  markDown(): void {
    if (this.down) return
    this.down = true
    if (this.outageWaitMs > 0) this.pool.acquireTimeoutMillis = Math.min(this.normalWaitMs, this.outageWaitMs)
    this.probe()
  }

  markUp(): void {
    if (!this.down) return
    this.down = false
    this.pool.acquireTimeoutMillis = this.normalWaitMs
  }

  // Nothing else may open a connection while the plugin's requests are answered 503: one probe a second
  // finds out when Postgres is back, with or without traffic.
  private probe(): void {
    if (this.probing) return
    this.probing = true
    this.knex
      .raw("SELECT 1")
      .then(() => {
        this.probing = false
        this.markUp()
      })
      .catch(() => {
        this.probing = false
        // Not once the app has shut down (its pool destroyed).
        if (this.down && this.knex.client?.pool === this.pool) setTimeout(() => this.probe(), PROBE_INTERVAL_MS).unref()
      })
  }
}

const perPool = new WeakMap<object, DatabaseHealth>()

/** The health of the app's shared pool (one per app; null when the pool cannot be read). */
export function databaseHealth(req: MedusaRequest): DatabaseHealth | null {
  const knex = req.scope?.resolve?.(ContainerRegistrationKeys.PG_CONNECTION, { allowUnregistered: true }) as Knex | undefined
  const pool = knex?.client?.pool
  if (!knex || !pool || typeof pool.on !== "function") return null
  let health = perPool.get(pool)
  if (!health) {
    const waitSeconds = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE).getOptions().outage.waitSeconds
    health = new DatabaseHealth(knex, pool, waitSeconds * 1000)
    perPool.set(pool, health)
  }
  return health
}

/** The answer while the database is away: clients keep their data and come back. */
export function answerDatabaseUnavailable(res: MedusaResponse): void {
  res.set({ "Retry-After": String(DATABASE_RETRY_AFTER_SECONDS), "Access-Control-Expose-Headers": "Retry-After" })
  res.status(503).json({ type: "unavailable", message: `The database is unavailable: retry after ${DATABASE_RETRY_AFTER_SECONDS} s` })
}

/** Middleware: a 503 at once while the database is known to be away, instead of a wait for a connection. */
export function rejectWhileDatabaseDown(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if (databaseHealth(req)?.isDown()) return answerDatabaseUnavailable(res)
  next()
}
