import { liftInterval, ratio, zFor } from "../stats"

describe("reports stats", () => {
  it("z for 95% and 90%", () => {
    expect(zFor(0.95)).toBeCloseTo(1.959964, 5)
    expect(zFor(0.9)).toBeCloseTo(1.644854, 5)
  })

  it("lift with the unpooled standard error (hand-computed)", () => {
    // p1 = 30/100 = 0.3, p0 = 10/100 = 0.1; se = sqrt(0.21/100 + 0.09/100) = sqrt(0.003) = 0.0547723
    // 0.2 ± 1.959964 × 0.0547723 = 0.2 ± 0.107352
    const lift = liftInterval({ conversions: 30, contacts: 100 }, { conversions: 10, contacts: 100 })
    expect(lift.absolute).toBeCloseTo(0.2, 10)
    expect(lift.relative).toBeCloseTo(2, 10)
    expect(lift.ci_low).toBeCloseTo(0.092648, 5)
    expect(lift.ci_high).toBeCloseTo(0.307352, 5)
    expect(lift.confidence).toBe(0.95)
  })

  it("unequal groups at 90%", () => {
    // p1 = 0.5 (n 200), p0 = 0.4 (n 50); se = sqrt(0.25/200 + 0.24/50) = sqrt(0.00605) = 0.0777817
    // 0.1 ± 1.644854 × 0.0777817 = 0.1 ± 0.127940
    const lift = liftInterval({ conversions: 100, contacts: 200 }, { conversions: 20, contacts: 50 }, 0.9)
    expect(lift.absolute).toBeCloseTo(0.1, 10)
    expect(lift.relative).toBeCloseTo(0.25, 10)
    expect(lift.ci_low).toBeCloseTo(-0.02794, 4)
    expect(lift.ci_high).toBeCloseTo(0.22794, 4)
  })

  it("no relative lift over a zero holdout rate; nulls for an empty group", () => {
    const zero = liftInterval({ conversions: 5, contacts: 10 }, { conversions: 0, contacts: 10 })
    expect(zero.absolute).toBeCloseTo(0.5, 10)
    expect(zero.relative).toBeNull()
    // se = sqrt(0.25/10) = 0.158114 → 0.5 ± 0.309898
    expect(zero.ci_low).toBeCloseTo(0.190102, 5)
    expect(liftInterval({ conversions: 5, contacts: 10 }, { conversions: 0, contacts: 0 })).toEqual({
      absolute: null, relative: null, ci_low: null, ci_high: null, confidence: 0.95,
    })
  })

  it("ratio", () => {
    expect(ratio(1, 4)).toBe(0.25)
    expect(ratio(1, 0)).toBeNull()
  })
})
