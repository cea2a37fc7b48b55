import { expectedOrders, probabilityActive, weeksToNextOrder, type BgNbdParams } from "../bg-nbd"
import {
  CHURN_RISK_HIGH_FROM, CHURN_RISK_MEDIUM_FROM, churnRiskBand, predictCustomer, predictCustomers, type CustomerSummary,
} from "../customer"
import { expectedOrderValue, type GammaGammaParams } from "../gamma-gamma"
import * as mbg from "../mbg-nbd"
import { BG_NBD, MBG_NBD } from "../order-model"
import { summarizeOrders } from "../summary"

const ORDERS: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const SPEND: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 }
// These figures are checked on BG/NBD, chosen explicitly; "the order model" below checks the default, MBG/NBD
const models = { orders: ORDERS, orders_model: BG_NBD, spend: SPEND }
const loyal: CustomerSummary = { repeat_orders: 4, weeks_first_to_last: 30, weeks_since_first: 32, average_order_value: 42 }

describe("churn risk bands", () => {
  it("cuts in thirds, each cut point opening the higher band", () => {
    expect([0, 0.33, CHURN_RISK_MEDIUM_FROM, 0.5, CHURN_RISK_HIGH_FROM, 0.9, 1].map(churnRiskBand)).toEqual([
      "low", "low", "medium", "medium", "high", "high", "high",
    ])
  })
})

describe("a customer's figures", () => {
  it("puts churn risk, predicted orders and value together from the two models", () => {
    const f = predictCustomer(models, loyal)
    const active = probabilityActive(ORDERS, loyal)
    expect(f.probability_active).toBe(active)
    expect(f.churn_risk).toBeCloseTo(1 - active, 12)
    expect(f.churn_risk_band).toBe(churnRiskBand(1 - active))
    expect(f.predicted_orders).toBeCloseTo(expectedOrders(ORDERS, loyal, 365 / 7), 12)
    expect(f.expected_order_value).toBeCloseTo(expectedOrderValue(SPEND, { repeat_orders: 4, average_order_value: 42 }), 12)
    expect(f.predicted_value).toBeCloseTo(f.predicted_orders * f.expected_order_value!, 12)
    expect(f.days_to_next_order).toBeCloseTo(weeksToNextOrder(ORDERS, loyal) * 7, 12)
    // 30 weeks from first to last order over 4 repeat orders
    expect(f.average_days_between_orders).toBeCloseTo(52.5, 12)
  })

  it("makes one undiscounted year of lifetime value the 365-day value, and discounting lowers a longer one", () => {
    const oneYear = predictCustomer(models, loyal, { lifetime_years: 1, annual_discount_rate: 0 })
    // The monthly increments add up to E[Y(365 days)]
    expect(oneYear.predicted_lifetime_value).toBeCloseTo(oneYear.predicted_value!, 10)
    const undiscounted = predictCustomer(models, loyal, { annual_discount_rate: 0 }).predicted_lifetime_value!
    const discounted = predictCustomer(models, loyal).predicted_lifetime_value!
    expect(undiscounted).toBeCloseTo(expectedOrders(ORDERS, loyal, (3 * 365) / 7) * oneYear.expected_order_value!, 8)
    expect(discounted).toBeLessThan(undiscounted)
    // Nothing is discounted by more than three years at 10%
    expect(discounted).toBeGreaterThan(undiscounted / 1.1 ** 3)
  })

  it("leaves spend figures empty without a spend model, and the gap empty with one order", () => {
    const once: CustomerSummary = { repeat_orders: 0, weeks_first_to_last: 0, weeks_since_first: 10 }
    const f = predictCustomer({ orders: ORDERS, orders_model: BG_NBD }, once)
    expect(f.expected_order_value).toBeNull()
    expect(f.predicted_value).toBeNull()
    expect(f.predicted_lifetime_value).toBeNull()
    expect(f.average_days_between_orders).toBeNull()
    expect(f.churn_risk).toBe(0)
    // A one-order customer's value is the population mean per order
    expect(predictCustomer(models, once).expected_order_value).toBeCloseTo((SPEND.p * SPEND.gamma) / (SPEND.q - 1), 10)
  })

  it("gives many customers the same figures as one at a time", () => {
    const rows: CustomerSummary[] = [loyal, { ...loyal, average_order_value: 10 }, { repeat_orders: 0, weeks_first_to_last: 0, weeks_since_first: 3 }, loyal]
    expect(predictCustomers(models, rows)).toEqual(rows.map((s) => predictCustomer(models, s)))
  })
})

describe("the order model", () => {
  // A store where a third of first-time buyers stop at once (a/(a+b) = 0.36)
  const MBG = { r: 0.5, alpha: 6, a: 0.9, b: 1.6 }
  const once = (weeks: number): CustomerSummary => ({ repeat_orders: 0, weeks_first_to_last: 0, weeks_since_first: weeks })

  it("is MBG/NBD unless told otherwise", () => {
    const f = predictCustomer({ orders: MBG, spend: SPEND }, loyal)
    expect(f).toEqual(predictCustomer({ orders: MBG, orders_model: MBG_NBD, spend: SPEND }, loyal))
    expect(f.probability_active).toBe(mbg.probabilityActive(MBG, loyal))
    expect(f.predicted_orders).toBeCloseTo(mbg.expectedOrders(MBG, loyal, 365 / 7), 12)
    expect(f.days_to_next_order).toBeCloseTo(mbg.weeksToNextOrder(MBG, loyal) * 7, 12)
    // The same parameters read as BG/NBD give other figures: the model is not ignored
    expect(predictCustomer({ orders: MBG, orders_model: BG_NBD }, loyal).probability_active).not.toBeCloseTo(f.probability_active, 3)
  })

  it("raises a one-order customer's churn risk with their silence under MBG/NBD, and leaves it at 0 under BG/NBD", () => {
    const weeks = [0, 1, 4, 13, 26, 52, 104]
    const risks = predictCustomers({ orders: MBG }, weeks.map(once)).map((f) => f.churn_risk)
    for (let i = 1; i < risks.length; i++) expect(risks[i]).toBeGreaterThan(risks[i - 1])
    // Right after the first order: the chance of stopping at once, E[p] = a/(a+b)
    expect(risks[0]).toBeCloseTo(MBG.a / (MBG.a + MBG.b), 12)
    expect(churnRiskBand(risks[weeks.indexOf(104)])).toBe("high")
    expect(predictCustomers({ orders: ORDERS, orders_model: BG_NBD }, weeks.map(once)).map((f) => f.churn_risk)).toEqual(weeks.map(() => 0))
  })

  it("gives many customers the same figures as one at a time under MBG/NBD", () => {
    const rows: CustomerSummary[] = [loyal, once(3), once(40), { ...loyal, average_order_value: 10 }, once(3)]
    const m = { orders: MBG, spend: SPEND }
    expect(predictCustomers(m, rows)).toEqual(rows.map((s) => predictCustomer(m, s)))
  })
})

describe("summaries from orders", () => {
  it("counts days, leaves the first order out of spend and orders after the end out of everything", () => {
    const orders = [
      { day: 100, value: 80 }, // first order
      { day: 114, value: 20 },
      { day: 114, value: 10 }, // same day: one order worth 30
      { day: 128, value: 50 },
      { day: 200, value: 999 }, // after the end
    ]
    expect(summarizeOrders(orders, 170)).toEqual({
      repeat_orders: 2,
      weeks_first_to_last: 4,
      weeks_since_first: 10,
      average_order_value: 40,
    })
    expect(summarizeOrders([{ day: 100, value: 80 }], 107)).toEqual({ repeat_orders: 0, weeks_first_to_last: 0, weeks_since_first: 1, average_order_value: 0 })
    expect(summarizeOrders([{ day: 200, value: 5 }], 170)).toBeNull()
  })
})
