import type { MedusaNextFunction, MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../modules/marketing"
import type MarketingModuleService from "../../modules/marketing/service"

/** Seconds a client is told to wait before retrying while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5
/** A probe that gets no answer within this long counts as "unreachable". */
const PROBE_TIMEOUT_MS = 1000
const REPROBE_INTERVAL_MS = 1000

// The parts of knex read here: its tarn pool (whose events are how Medusa itself notices failed connects) and
// its way to open one connection outside the pool.
type Pool = {
  acquireTimeoutMillis: number
  on(event: "createFail" | "createSuccess", listener: (...args: unknown[]) => void): void
}
type RawConnection = { query(sql: string): Promise<unknown> }
type Knex = {
  client?: {
    pool?: Pool
    acquireRawConnection?(): Promise<RawConnection>
    destroyRawConnection?(connection: RawConnection): Promise<void>
  }
  raw(sql: string): Promise<unknown>
}

/**
 * Whether Postgres can be reached by the app's shared pool. Medusa's pool
 * retries failed connects quietly (`propagateCreateError: false`), so without
 * this a request that arrives during an outage waits until Postgres is back or
 * a minute passes. A failed connect or a lost connection starts a probe (one
 * connection of its own, outside the pool, so a busy pool is not taken for a
 * dead database); while the probe finds Postgres away, the plugin's routes
 * answer 503 at once, a request anywhere waits at most `outage.waitSeconds`
 * for a connection, and the probe runs again each second until Postgres is back.
 */
class DatabaseHealth {
  private down = false
  private probing: Promise<boolean> | null = null
  private reprobe: NodeJS.Timeout | null = null
  private readonly normalWaitMs: number

  constructor(private readonly knex: Knex, private readonly pool: Pool, private readonly outageWaitMs: number) {
    this.normalWaitMs = pool.acquireTimeoutMillis
    pool.on("createFail", () => void this.probe())
    pool.on("createSuccess", () => this.markUp())
  }

  /**
   * False only when Postgres is away now: while it was last found away, each call joins the probe in flight or
   * starts one (refused connects fail at once). An earlier answer is never reused: Postgres may be back since.
   */
  async isUp(): Promise<boolean> {
    return this.down ? this.probe() : true
  }

  /** Whether Postgres answers now; concurrent callers share one probe. */
  probe(): Promise<boolean> {
    this.probing ??= this.answers().then((up) => {
      this.probing = null
      if (up) this.markUp()
      else this.markDown()
      return up
    })
    return this.probing
  }

  private async answers(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), PROBE_TIMEOUT_MS)))
    try {
      return await Promise.race([this.selectOne().then(() => true, () => false), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  private async selectOne(): Promise<void> {
    const client = this.knex.client
    if (!client?.acquireRawConnection || !client.destroyRawConnection) {
      await this.knex.raw("SELECT 1")
      return
    }
    const connection = await client.acquireRawConnection()
    try {
      await connection.query("SELECT 1")
    } finally {
      await client.destroyRawConnection(connection).catch(() => undefined)
    }
  }

  private markDown(): void {
    if (!this.down) {
      this.down = true
      if (this.outageWaitMs > 0) this.pool.acquireTimeoutMillis = Math.min(this.normalWaitMs, this.outageWaitMs)
    }
    // With or without traffic, until Postgres is back (and not once the app has shut down, its pool destroyed).
    this.reprobe ??= setTimeout(() => {
      this.reprobe = null
      if (this.down && this.knex.client?.pool === this.pool) void this.probe()
    }, REPROBE_INTERVAL_MS).unref()
  }

  private markUp(): void {
    if (!this.down) return
    this.down = false
    this.pool.acquireTimeoutMillis = this.normalWaitMs
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

/** Middleware: a 503 at once while the database is away, instead of a wait for a connection. */
export async function rejectWhileDatabaseDown(req: MedusaRequest, res: MedusaResponse, next: MedusaNextFunction) {
  if ((await databaseHealth(req)?.isUp()) === false) return answerDatabaseUnavailable(res)
  next()
}
