import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** A running drain: `wake` ends the sleep it is in, if any. */
type Drain = { wake: () => void }

/** Drains running per app (container), by name. */
const running = new WeakMap<MedusaContainer, Map<string, Drain>>()

/** A sleep the drain's next tick can cut short. */
export type Sleep = (ms: number) => Promise<void>

/**
 * Starts `work` for a scheduled job's tick and returns at once. A tick that
 * finds this app's drain of that name still going wakes it if it sleeps (see
 * drainLoop) and otherwise leaves it be. Medusa's in-memory workflow engine
 * arms a job's next run a full interval after the previous run has
 * *finished*, so a minutely job that works for 50 s would otherwise sit idle
 * for the next 60. An instance that dies mid-drain loses nothing: the claims
 * it held have leases, and another instance takes them.
 */
export function startDrain(container: MedusaContainer, name: string, work: (sleep: Sleep) => Promise<unknown>): void {
  const drains = running.get(container) ?? new Map<string, Drain>()
  running.set(container, drains)
  const current = drains.get(name)
  if (current) return current.wake()
  let wakeUp: (() => void) | null = null
  const sleep: Sleep = (ms) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer)
        wakeUp = null
        resolve()
      }
      const timer = setTimeout(done, ms)
      // A sleeping drain must not keep a stopping process alive.
      timer.unref?.()
      wakeUp = done
    })
  drains.set(name, { wake: () => wakeUp?.() })
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  void work(sleep)
    .catch((e) => logger.error(`${name}: ${e instanceof Error ? e.message : String(e)}`))
    .finally(() => drains.delete(name))
}

export type DrainLoop = {
  /** Takes work until it runs dry (batches while full ones come back). */
  round: () => Promise<void>
  /** The next work that becomes due before `before`, if any. */
  nextDueAt: (before: Date) => Promise<Date | null>
  /** No new round starts after this (ms since the epoch). */
  until: number
  now?: () => number
  sleep?: Sleep
}

/**
 * Rounds of work, and between them a sleep until the next work is due when
 * that comes before `until`: a retry's backoff or a short wait step then
 * ends on time instead of at the job's next tick. The job's ticks wake the
 * sleep (startDrain), so work that appears meanwhile waits no longer than
 * it would without the drain.
 */
export async function drainLoop({ round, nextDueAt, until, now = Date.now, sleep = delay }: DrainLoop): Promise<void> {
  for (;;) {
    await round()
    if (now() >= until) return
    const next = await nextDueAt(new Date(until))
    if (!next) return
    await sleep(Math.max(0, next.getTime() - now()))
  }
}

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
