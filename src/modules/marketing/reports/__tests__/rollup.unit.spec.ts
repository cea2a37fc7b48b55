import { liveRanges, utcDayStart, wholeDays } from "../rollup"

const D = (day: string) => `${day}T00:00:00.000Z`

describe("message rollup days", () => {
  it("a period's whole UTC days leave out a partial first and last day", () => {
    expect(wholeDays({ from: D("2026-03-01"), to: D("2026-03-11") })).toEqual({ from: D("2026-03-01"), to: D("2026-03-11") })
    expect(wholeDays({ from: "2026-03-01T12:00:00.000Z", to: "2026-03-04T06:00:00.000Z" })).toEqual({ from: D("2026-03-02"), to: D("2026-03-04") })
    // Inside one day: none
    const inside = wholeDays({ from: "2026-03-01T01:00:00.000Z", to: "2026-03-01T05:00:00.000Z" })
    expect(inside.from >= inside.to).toBe(true)
    expect(utcDayStart(Date.parse("2026-03-01T23:59:59.999Z"))).toBe(Date.parse(D("2026-03-01")))
  })

  it("live ranges are the period minus the rollup days, neighbours joined", () => {
    const period = { from: "2026-03-01T12:00:00.000Z", to: "2026-03-08T06:00:00.000Z" }
    expect(liveRanges(period, [])).toEqual([[period.from, period.to]])
    expect(liveRanges(period, [D("2026-03-02"), D("2026-03-03"), D("2026-03-05"), D("2026-03-06"), D("2026-03-07")])).toEqual([
      [period.from, D("2026-03-02")],
      [D("2026-03-04"), D("2026-03-05")],
      [D("2026-03-08"), period.to],
    ])
    // Order does not matter; days outside the period or not whole inside it are ignored.
    expect(liveRanges(period, [D("2026-03-03"), D("2026-03-01"), D("2026-03-08"), D("2026-03-02")])).toEqual([
      [period.from, D("2026-03-02")],
      [D("2026-03-04"), period.to],
    ])
    // Every day from the rollup: nothing live.
    expect(liveRanges({ from: D("2026-03-01"), to: D("2026-03-03") }, [D("2026-03-01"), D("2026-03-02")])).toEqual([])
  })
})
