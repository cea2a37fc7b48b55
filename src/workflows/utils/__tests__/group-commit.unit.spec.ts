import { GroupCommit, groupFor } from "../group-commit"

/** A run whose batches finish only when the test releases them. */
function controlledRun() {
  const batches: { items: number[]; release: () => void; fail: (e: Error) => void }[] = []
  const run = (items: number[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push({ items, release: () => resolve(items.map((i) => `done ${i}`)), fail: reject })
    })
  return { batches, run }
}

const tick = () => new Promise((r) => setImmediate(r))

describe("GroupCommit", () => {
  it("runs an item alone at once when a lane is free", async () => {
    const { batches, run } = controlledRun()
    const group = new GroupCommit(run, { lanes: 1 })
    const first = group.submit(1)
    expect(batches.map((b) => b.items)).toEqual([[1]])
    batches[0].release()
    await expect(first).resolves.toBe("done 1")
  })

  it("batches what arrives while every lane is busy, and answers each caller its own outcome", async () => {
    const { batches, run } = controlledRun()
    const group = new GroupCommit(run, { lanes: 2 })
    const answers = [1, 2, 3, 4, 5].map((i) => group.submit(i))
    // Two lanes took one item each; the other three wait together.
    expect(batches.map((b) => b.items)).toEqual([[1], [2]])
    expect(group.waiting).toBe(3)
    batches[0].release()
    await tick()
    expect(batches.map((b) => b.items)).toEqual([[1], [2], [3, 4, 5]])
    batches[1].release()
    batches[2].release()
    await expect(Promise.all(answers)).resolves.toEqual(["done 1", "done 2", "done 3", "done 4", "done 5"])
    expect(group.busy).toBe(0)
  })

  it("keeps a batch within its weight, and runs an item heavier than that alone", async () => {
    const { batches, run } = controlledRun()
    const group = new GroupCommit(run, { lanes: 1, maxWeight: 100, weightOf: (n: number) => n })
    const answers = [1, 60, 30, 20, 150, 5].map((i) => group.submit(i))
    for (let released = 0; released < batches.length; released++) {
      batches[released].release()
      await tick()
    }
    await Promise.all(answers)
    // 20 + 150 would pass 100, so 20 goes alone; 150 alone is over the limit but still runs.
    expect(batches.map((b) => b.items)).toEqual([[1], [60, 30], [20], [150], [5]])
  })

  it("runs a failed batch's items again one by one, so only the bad item's caller fails", async () => {
    const calls: number[][] = []
    const group = new GroupCommit(
      async (items: number[]) => {
        calls.push(items)
        await tick()
        if (items.includes(13)) throw new Error("13 is bad")
        return items.map((i) => i * 2)
      },
      { lanes: 1 }
    )
    const answers = [1, 2, 13, 4].map((i) => group.submit(i).then((v) => ({ ok: v }), (e: Error) => ({ error: e.message })))
    await expect(Promise.all(answers)).resolves.toEqual([{ ok: 2 }, { ok: 4 }, { error: "13 is bad" }, { ok: 8 }])
    expect(calls).toEqual([[1], [2, 13, 4], [2], [13], [4]])
  })

  it("fails the whole batch at once when the error is not about its items", async () => {
    let runs = 0
    const group = new GroupCommit(
      async (items: number[]) => {
        runs++
        await tick()
        throw Object.assign(new Error("connect ECONNREFUSED"), { items })
      },
      { lanes: 1, retryAlone: (e) => !/ECONNREFUSED/.test((e as Error).message) }
    )
    const answers = [1, 2, 3].map((i) => group.submit(i).catch((e: Error) => e.message))
    await expect(Promise.all(answers)).resolves.toEqual(["connect ECONNREFUSED", "connect ECONNREFUSED", "connect ECONNREFUSED"])
    // One run for 1 alone, one for 2 and 3 together; neither retried item by item.
    expect(runs).toBe(2)
  })

  it("fails the items still waiting too when the error will meet them as well", async () => {
    const { batches, run } = controlledRun()
    const group = new GroupCommit(run, { lanes: 1, failWaiting: (e) => /database/.test((e as Error).message) })
    const answers = [1, 2, 3].map((i) => group.submit(i).catch((e: Error) => e.message))
    expect(group.waiting).toBe(2)
    batches[0].fail(new Error("the database is away"))
    await expect(Promise.all(answers)).resolves.toEqual(["the database is away", "the database is away", "the database is away"])
    expect(batches).toHaveLength(1)
    expect(group.waiting).toBe(0)
  })

  it("treats a run that answers the wrong number of outcomes as a failure of the batch", async () => {
    const group = new GroupCommit(async (items: number[]) => (items.length > 1 ? [0] : items), { lanes: 1 })
    const answers = [7, 8, 9].map((i) => group.submit(i))
    await expect(Promise.all(answers)).resolves.toEqual([7, 8, 9])
  })

  it("lingers before taking a batch when told to, so items arriving meanwhile go together", async () => {
    jest.useFakeTimers()
    try {
      const { batches, run } = controlledRun()
      const group = new GroupCommit(run, { lanes: 1, lingerMs: 50 })
      const answers = [group.submit(1)]
      jest.advanceTimersByTime(30)
      answers.push(group.submit(2), group.submit(3))
      expect(batches).toHaveLength(0)
      jest.advanceTimersByTime(20)
      expect(batches.map((b) => b.items)).toEqual([[1, 2, 3]])
      batches[0].release()
      await expect(Promise.all(answers)).resolves.toEqual(["done 1", "done 2", "done 3"])
    } finally {
      jest.useRealTimers()
    }
  })

  it("keeps one group per owner", () => {
    const registry = new WeakMap<object, GroupCommit<number, number>>()
    const a = {}
    const make = () => new GroupCommit(async (xs: number[]) => xs)
    expect(groupFor(registry, a, make)).toBe(groupFor(registry, a, make))
    expect(groupFor(registry, {}, make)).not.toBe(groupFor(registry, a, make))
  })
})
