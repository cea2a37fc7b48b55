import { expectedOrders, probabilityActive, weeksToNextOrder, type BgNbdParams } from "../bg-nbd"
import {
  CHURN_RISK_HIGH_FROM, CHURN_RISK_MEDIUM_FROM, churnRiskBand, predictCustomer, predictCustomers, type CustomerSummary,
} from "../customer"
import { expectedOrderValue, type GammaGammaParams } from "../gamma-gamma"
import { summarizeOrders } from "../summary"

const ORDERS: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 }
const SPEND: GammaGammaParams = { p: 6.25, q: 3.74, gamma: 15.44 }
const models = { orders: ORDERS, spend: SPEND }
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
    const f = predictCustomer({ orders: ORDERS }, once)
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
