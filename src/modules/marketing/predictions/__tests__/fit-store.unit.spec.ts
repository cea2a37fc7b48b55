import { modelsOfFit } from "../fit-store"
import { BG_NBD, MBG_NBD } from "../order-model"

describe("the models a stored fit gives back", () => {
  const orders = { r: 0.5, alpha: 6, a: 0.9, b: 1.6 }
  const spend = { p: 6.25, q: 3.74, gamma: 15.44 }
  const stored = { log_likelihood: -1234.5, converged: true }

  it("reads the order model the fit names, under its own key", () => {
    const models = modelsOfFit({ orders_model: "mbgnbd", mbgnbd: { ...orders, ...stored }, gamma_gamma: { ...spend, customers: 10, converged: true } })
    expect(models).toEqual({ orders, orders_model: MBG_NBD, spend })
  })

  it("reads a fit from before MBG/NBD as the BG/NBD it was", () => {
    expect(modelsOfFit({ bgnbd: { ...orders, ...stored }, gamma_gamma: null })).toEqual({ orders, orders_model: BG_NBD, spend: null })
  })

  it("gives nothing for a fit without the named model's parameters, or naming an unknown model", () => {
    expect(modelsOfFit(null)).toBeNull()
    expect(modelsOfFit({ orders_model: "mbgnbd", bgnbd: orders })).toBeNull()
    expect(modelsOfFit({ orders_model: "pareto", pareto: orders })).toBeNull()
    expect(modelsOfFit({ orders_model: "toString" })).toBeNull()
  })
})
