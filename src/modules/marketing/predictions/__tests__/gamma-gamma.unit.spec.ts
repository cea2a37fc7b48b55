import { expectedOrderValue, fitGammaGamma, gammaGammaLogLikelihood, type GammaGammaParams } from "../gamma-gamma"
import { simulateGammaGamma } from "./simulate"

// The paper's CDNOW estimates
const CDNOW: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 }

describe("Gamma-Gamma log-likelihood", () => {
  it("matches a hand computation for whole-number parameters, where every gamma function is a factorial", () => {
    const params = { p: 2, q: 3, gamma: 10 }
    // f(m̄ | x) = Γ(px+q) / (Γ(px) Γ(q)) · γ^q · m̄^(px−1) · x^(px) / (γ + m̄x)^(px+q)
    // x = 2, m̄ = 15: Γ(7) = 720, Γ(4) = 6, Γ(3) = 2
    const first = (720 / (6 * 2)) * 1000 * Math.pow(15, 3) * Math.pow(2, 4) / Math.pow(40, 7)
    // x = 1, m̄ = 8: Γ(5) = 24, Γ(2) = 1
    const second = (24 / (1 * 2)) * 1000 * 8 * 1 / Math.pow(18, 5)
    const rows = [
      { repeat_orders: 2, average_order_value: 15 },
      { repeat_orders: 1, average_order_value: 8 },
      { repeat_orders: 0, average_order_value: 0 }, // no repeat order: no information on spend
    ]
    expect(gammaGammaLogLikelihood(params, rows)).toBeCloseTo(Math.log(first) + Math.log(second), 10)
  })
})

describe("Gamma-Gamma expected order value", () => {
  it("weighs the customer's own average against the population's by how many orders it rests on", () => {
    const population = (CDNOW.p * CDNOW.gamma) / (CDNOW.q - 1)
    expect(population).toBeCloseTo(35.22, 2)
    for (const [x, m] of [[1, 20], [4, 20], [20, 80]]) {
      const weight = (CDNOW.p * x) / (CDNOW.p * x + CDNOW.q - 1)
      expect(expectedOrderValue(CDNOW, { repeat_orders: x, average_order_value: m })).toBeCloseTo((1 - weight) * population + weight * m, 10)
    }
    expect(expectedOrderValue(CDNOW, { repeat_orders: 0, average_order_value: 0 })).toBeCloseTo(population, 10)
    // With q <= 1 the population mean is infinite: no figure rather than a wrong one
    expect(expectedOrderValue({ p: 2, q: 0.8, gamma: 10 }, { repeat_orders: 0, average_order_value: 0 })).toBeNaN()
  })
})

describe("Gamma-Gamma fit", () => {
  it("recovers the parameters the order values were drawn from", () => {
    // 5,000 repeat customers with 1 to 8 repeat orders each
    const counts = Array.from({ length: 5000 }, (_, i) => 1 + (i % 8))
    const rows = simulateGammaGamma(CDNOW, counts, 31)
    const fit = fitGammaGamma(rows)
    expect(fit.converged).toBe(true)
    expect(fit.customers).toBe(5000)
    expect(fit.log_likelihood).toBeGreaterThanOrEqual(gammaGammaLogLikelihood(CDNOW, rows) - 1e-6)
    // Across 12 seeds of about 4,000 customers, p and γ strayed up to 30%
    // (they trade off against each other), q 8%, the population mean 3%
    const { p, q, gamma } = fit.params
    expect(Math.abs(p / CDNOW.p - 1)).toBeLessThan(0.4)
    expect(Math.abs(q / CDNOW.q - 1)).toBeLessThan(0.15)
    expect(Math.abs(gamma / CDNOW.gamma - 1)).toBeLessThan(0.4)
    expect(Math.abs((p * gamma) / (q - 1) / ((CDNOW.p * CDNOW.gamma) / (CDNOW.q - 1)) - 1)).toBeLessThan(0.05)
  })

  it("refuses to fit without a repeat customer", () => {
    expect(() => fitGammaGamma([{ repeat_orders: 0, average_order_value: 0 }])).toThrow("at least one customer with a repeat order")
  })
})
