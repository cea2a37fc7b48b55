import type { MedusaContainer } from "@medusajs/framework/types"
import { drainLoop, startDrain, type Sleep } from "../drain"

const appWith = (errors: string[]) =>
  ({ resolve: () => ({ error: (m: string) => errors.push(m) }) }) as unknown as MedusaContainer
const settle = () => new Promise((r) => setImmediate(r))

describe("startDrain", () => {
  it("runs one drain per app and name, returns at once, and starts again once it ended", async () => {
    const errors: string[] = []
    const app = appWith(errors)
    let release!: () => void
    let runs = 0
    const work = () => {
      runs++
      return new Promise<void>((resolve) => (release = resolve))
    }
    startDrain(app, "runner", work)
    startDrain(app, "runner", work)
    expect(runs).toBe(1)
    // Another name, or another app, drains on its own.
    startDrain(app, "dispatcher", async () => void runs++)
    startDrain(appWith(errors), "runner", async () => void runs++)
    expect(runs).toBe(3)
    release()
    await settle()
    startDrain(app, "runner", work)
    expect(runs).toBe(4)
    release()
  })

  it("a tick that finds the drain asleep wakes it", async () => {
    const app = appWith([])
    const woke: number[] = []
    let finish!: () => void
    const done = new Promise<void>((r) => (finish = r))
    startDrain(app, "runner", async (sleep: Sleep) => {
      const t = Date.now()
      await sleep(60_000)
      woke.push(Date.now() - t)
      finish()
    })
    await settle()
    startDrain(app, "runner", async () => undefined)
    await done
    expect(woke).toHaveLength(1)
    expect(woke[0]).toBeLessThan(5_000)
  })

  it("logs a failed drain and lets the next tick start a new one", async () => {
    const errors: string[] = []
    const app = appWith(errors)
    startDrain(app, "runner", async () => {
      throw new Error("database went away")
    })
    await settle()
    expect(errors).toEqual(["runner: database went away"])
    let ran = false
    startDrain(app, "runner", async () => void (ran = true))
    expect(ran).toBe(true)
  })
})

describe("drainLoop", () => {
  /** A clock that only moves when the loop sleeps. */
  const clock = () => {
    let t = 0
    const slept: number[] = []
    return { now: () => t, sleep: async (ms: number) => void (slept.push(ms), (t += ms)), slept }
  }

  it("sleeps until work comes due before the end, then takes it; stops when nothing is due in time", async () => {
    const c = clock()
    const due = [5_000, 20_000, 90_000]
    const rounds: number[] = []
    const asked: number[] = []
    await drainLoop({
      round: async () => void rounds.push(c.now()),
      nextDueAt: async (before) => {
        asked.push(before.getTime())
        const next = due.find((d) => d > c.now() && d <= before.getTime())
        return next === undefined ? null : new Date(next)
      },
      until: 60_000,
      now: c.now,
      sleep: c.sleep,
    })
    expect(rounds).toEqual([0, 5_000, 20_000])
    expect(c.slept).toEqual([5_000, 15_000])
    expect(asked.every((b) => b === 60_000)).toBe(true)
  })

  it("starts no round after the end", async () => {
    const c = clock()
    let rounds = 0
    await drainLoop({
      round: async () => {
        rounds++
        await c.sleep(70_000)
      },
      nextDueAt: async () => new Date(80_000),
      until: 60_000,
      now: c.now,
      sleep: c.sleep,
    })
    expect(rounds).toBe(1)
  })
})
