import type { MedusaContainer } from "@medusajs/framework/types"
import { startDrain } from "../drain"

const appWith = (errors: string[]) =>
  ({ resolve: () => ({ error: (m: string) => errors.push(m) }) }) as unknown as MedusaContainer

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
    await new Promise((r) => setImmediate(r))
    startDrain(app, "runner", work)
    expect(runs).toBe(4)
    release()
  })

  it("logs a failed drain and lets the next tick start a new one", async () => {
    const errors: string[] = []
    const app = appWith(errors)
    startDrain(app, "runner", async () => {
      throw new Error("database went away")
    })
    await new Promise((r) => setImmediate(r))
    expect(errors).toEqual(["runner: database went away"])
    let ran = false
    startDrain(app, "runner", async () => void (ran = true))
    expect(ran).toBe(true)
  })
})
