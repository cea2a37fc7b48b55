import { aucVerdict, heatCellLabel, heatLevel, oddsInterval, percent } from "../lead-predictions"

describe("lead predictions in words", () => {
  it("words the AUC", () => {
    expect(aucVerdict(0.86)).toMatch(/^Strong/)
    expect(aucVerdict(0.72)).toMatch(/^Useful/)
    expect(aucVerdict(0.6)).toMatch(/^Weak/)
    expect(aucVerdict(0.5)).toMatch(/^No better than chance/)
    expect(aucVerdict(null)).toMatch(/^Not measured/)
  })

  it("words an interval, saying when it spans 1", () => {
    expect(oddsInterval(1.812, 3.21)).toBe("×1.8 to ×3.2")
    expect(oddsInterval(0.71, 1.43)).toBe("×0.71 to ×1.4: the store's data cannot tell yet")
    expect(percent(0.12345)).toBe("12.3%")
    expect(percent(null)).toBe("-")
  })

  it("shades cells by their share of the busiest hour and names them", () => {
    expect(heatLevel(0, 10)).toBe(0)
    expect(heatLevel(10, 10)).toBe(1)
    expect(heatLevel(6, 10)).toBe(0.66)
    expect(heatLevel(3, 0)).toBe(0)
    expect(heatCellLabel("Tuesday", 10, 42)).toBe("Tuesday 10:00–11:00: 42 opens and clicks")
    expect(heatCellLabel("Sunday", 23, 1)).toBe("Sunday 23:00–00:00: 1 open or click")
  })
})
