/**
 * Group commit: callers submit items one at a time and each waits for its own
 * outcome, while the work runs for many items at once. Up to `lanes` batches
 * run side by side; what arrives while every lane is busy waits and goes
 * together into the next free lane (at most `maxWeight` per batch). An idle
 * group adds no delay unless told to linger (the first item starts at once,
 * alone), and under load the batches grow with it, so a fixed cost per run (a workflow, a
 * transaction, a query per segment) is paid once per batch instead of once
 * per request.
 *
 * When a batch of several items fails, each of them is run again alone, so
 * one bad item fails only its own caller (unless `retryAlone` says the error
 * is not about the items).
 */
export type GroupCommitOptions<I> = {
  /** Batches running at once (default 2). */
  lanes?: number
  /** A batch's total weight; an item heavier than that runs alone (default 500). */
  maxWeight?: number
  /** An item's weight (default 1). */
  weightOf?: (item: I) => number
  /**
   * How long a free lane waits for more items before it takes a batch
   * (default 0: at once). Work that may lag a little behind its cause (a
   * subscriber's) trades this bounded delay for fewer, larger runs.
   */
  lingerMs?: number
  /**
   * Whether a failed batch's items are worth running again one by one
   * (default: always). Not when the error says nothing about any item, such
   * as the database being away: each would fail again, one after another.
   */
  retryAlone?: (error: unknown) => boolean
  /**
   * Whether a batch's error also fails every item still waiting (default:
   * never). For an error that will meet them too, such as the database being
   * away: they fail now, as requests that were in flight do, instead of
   * waiting for a connection until it comes back.
   */
  failWaiting?: (error: unknown) => boolean
}

type Waiting<I, O> = { item: I; resolve: (o: O) => void; reject: (e: unknown) => void }

export class GroupCommit<I, O> {
  private readonly queue: Waiting<I, O>[] = []
  private running = 0
  private readonly lanes: number
  private readonly maxWeight: number
  private readonly weightOf: (item: I) => number
  private readonly lingerMs: number
  private readonly retryAlone: (error: unknown) => boolean
  private readonly failWaiting: (error: unknown) => boolean

  /** `run` gets a batch and answers one outcome per item, in the same order. */
  constructor(private readonly run: (items: I[]) => Promise<O[]>, options: GroupCommitOptions<I> = {}) {
    this.lanes = Math.max(1, options.lanes ?? 2)
    this.maxWeight = Math.max(1, options.maxWeight ?? 500)
    this.weightOf = options.weightOf ?? (() => 1)
    this.lingerMs = Math.max(0, options.lingerMs ?? 0)
    this.retryAlone = options.retryAlone ?? (() => true)
    this.failWaiting = options.failWaiting ?? (() => false)
  }

  /** Items waiting for a lane (for tests and diagnostics). */
  get waiting(): number {
    return this.queue.length
  }

  /** Batches running now. */
  get busy(): number {
    return this.running
  }

  submit(item: I): Promise<O> {
    return new Promise<O>((resolve, reject) => {
      this.queue.push({ item, resolve, reject })
      this.pump()
    })
  }

  private pump(): void {
    while (this.running < this.lanes && this.queue.length) {
      this.running++
      if (this.lingerMs > 0) setTimeout(() => this.startBatch(), this.lingerMs)
      else this.startBatch()
    }
  }

  /** Takes a batch in a lane already counted as running; a lane that lingered and finds nothing left frees itself. */
  private startBatch(): void {
    const batch = this.take()
    if (!batch.length) {
      this.running--
      return this.pump()
    }
    void this.runBatch(batch).finally(() => {
      this.running--
      this.pump()
    })
  }

  /** The oldest waiting items up to the weight limit (at least one when any wait). */
  private take(): Waiting<I, O>[] {
    let weight = 0
    let count = 0
    for (const w of this.queue) {
      const next = weight + Math.max(0, this.weightOf(w.item))
      if (count > 0 && next > this.maxWeight) break
      weight = next
      count++
    }
    return this.queue.splice(0, count)
  }

  private async runBatch(batch: Waiting<I, O>[]): Promise<void> {
    try {
      const outcomes = await this.run(batch.map((w) => w.item))
      if (outcomes.length !== batch.length) {
        throw new Error(`group commit: ${outcomes.length} outcomes for ${batch.length} items`)
      }
      batch.forEach((w, i) => w.resolve(outcomes[i]))
    } catch (e) {
      if (this.failWaiting(e)) for (const w of this.queue.splice(0)) w.reject(e)
      if (batch.length === 1 || !this.retryAlone(e)) return batch.forEach((w) => w.reject(e))
      // One at a time, so each caller gets its own item's outcome.
      for (const w of batch) {
        try {
          const [outcome] = await this.run([w.item])
          w.resolve(outcome)
        } catch (err) {
          w.reject(err)
        }
      }
    }
  }
}

/**
 * One group per app (container) and name, made on first use: the groups'
 * queues live in the process, as Medusa's local event bus does.
 */
export function groupFor<K extends object, I, O>(
  registry: WeakMap<K, GroupCommit<I, O>>,
  owner: K,
  make: () => GroupCommit<I, O>
): GroupCommit<I, O> {
  let group = registry.get(owner)
  if (!group) {
    group = make()
    registry.set(owner, group)
  }
  return group
}
