import { abDecisionLines, formatPValue } from "../flows/ab"

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
