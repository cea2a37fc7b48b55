import { abDecisionLines, addVariant, evenWeights, formatPValue, removeVariant, startVariants, variantsProblem } from "../flows/ab"

const base = {
  flow_version_id: "mflv_1", step_id: "send", winner: "b", confidence: 0.95, decided_at: "2026-06-10T10:00:00.000Z",
}

describe("abDecisionLines", () => {
  it("writes a rate decision: winner, test and p-value, samples per variant, time", () => {
    const lines = abDecisionLines({
      ...base, metric: "click_rate", test: "z_test", p_value: 0.0123,
      samples: { a: { recipients: 500, successes: 40, value: 0.08 }, b: { recipients: 500, successes: 60, value: 0.12 }, min_sample: 500, statistic: 2.1 },
    }, "10 Jun 2026, 10:00")
    expect(lines).toEqual([
      "Winner: B (click rate)",
      "z-test, p = 0.012 at 95% confidence",
      "A 500 · 8.0% · B 500 · 12.0%",
      "Decided 10 Jun 2026, 10:00",
    ])
  })

  it("writes revenue in the decision's currency, and tiny p-values as p < 0.001", () => {
    const lines = abDecisionLines({
      ...base, winner: "a", metric: "revenue_per_recipient", test: "welch_z", p_value: 0.00001, confidence: 0.999,
      samples: { a: { recipients: 300, revenue: 3000, value: 10 }, b: { recipients: 300, revenue: 750, value: 2.5 }, currency_code: "eur" },
    }, "now")
    expect(lines.slice(0, 3)).toEqual([
      "Winner: A (revenue per recipient)",
      "Welch's z-test, p < 0.001 at 99.9% confidence",
      "A 300 · 10.00 EUR · B 300 · 2.50 EUR",
    ])
    expect(formatPValue(0.05)).toBe("p = 0.050")
  })
})

describe("variant editing", () => {
  it("splits evenly in whole percents, the remainder first", () => {
    expect(evenWeights(2)).toEqual([50, 50])
    expect(evenWeights(3)).toEqual([34, 33, 33])
    expect(evenWeights(4)).toEqual([25, 25, 25, 25])
  })

  it("starts with A and B at 50/50 and adds the first free key up to the maximum", () => {
    const two = startVariants()
    expect(two).toEqual([{ key: "a", weight: 50 }, { key: "b", weight: 50 }])
    const three = addVariant([{ ...two[0], subject: "Hi" }, two[1]], 4)!
    expect(three.map((v) => [v.key, v.weight])).toEqual([["a", 34], ["b", 33], ["c", 33]])
    expect(three[0].subject).toBe("Hi")
    const four = addVariant(three, 4)!
    expect(four.map((v) => v.key)).toEqual(["a", "b", "c", "d"])
    expect(addVariant(four, 4)).toBeNull()
  })

  it("removes a variant, re-evening the rest; below the minimum there is no test", () => {
    const three = addVariant(startVariants(), 4)!
    const removed = removeVariant(three, 0, 2)!
    expect(removed.map((v) => [v.key, v.weight])).toEqual([["b", 50], ["c", 50]])
    expect(addVariant(removed, 4)!.map((v) => v.key)).toEqual(["b", "c", "a"])
    expect(removeVariant(removed, 1, 2)).toBeNull()
  })

  it("names what keeps the shares from being saved", () => {
    expect(variantsProblem(startVariants())).toBeNull()
    expect(variantsProblem([{ key: "a", weight: 60 }, { key: "b", weight: 50 }])).toBe("The variants' shares add up to 110%, not 100%")
    expect(variantsProblem([{ key: "a", weight: 100 }, { key: "b", weight: 0 }])).toMatch(/whole percent from 1 to 99/)
    expect(variantsProblem([{ key: "a", weight: 50.5 }, { key: "b", weight: 49.5 }])).toMatch(/whole percent/)
  })
})
