import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"

/** Drains running per app (container), by name. */
const running = new WeakMap<MedusaContainer, Set<string>>()

/**
 * Starts `work` for a scheduled job's tick and returns at once; a tick that
 * finds this app's drain of that name still going leaves it be. Medusa's
 * in-memory workflow engine arms a job's next run a full interval after the
 * previous run has *finished*, so a minutely job that works for 50 s would
 * otherwise sit idle for the next 60. An instance that dies mid-drain loses
 * nothing: the claims it held have leases, and another instance takes them.
 */
export function startDrain(container: MedusaContainer, name: string, work: () => Promise<unknown>): void {
  const names = running.get(container) ?? new Set<string>()
  running.set(container, names)
  if (names.has(name)) return
  names.add(name)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  void work()
    .catch((e) => logger.error(`${name}: ${e instanceof Error ? e.message : String(e)}`))
    .finally(() => names.delete(name))
}
