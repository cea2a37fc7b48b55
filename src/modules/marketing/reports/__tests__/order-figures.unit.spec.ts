import { discountOf, isFirstOrder, orderFigures } from "../order-figures"

describe("orderFigures", () => {
  const order = {
    id: "order_b",
    total: { value: "90.5", numeric: 90.5 },
    currency_code: "EUR",
    created_at: "2026-12-01T10:00:00.000Z",
    items: [{ adjustments: [{ amount: 5 }, { amount: "2.5" }] }, { adjustments: null }, {}],
    shipping_methods: [{ adjustments: [{ amount: { value: "3" } }] }],
  }

  it("sums the items' and shipping methods' adjustments, whatever shape Medusa gives amounts in", () => {
    expect(discountOf(order)).toBe(10.5)
    expect(discountOf({ id: "o", created_at: order.created_at })).toBe(0)
    expect(discountOf({ id: "o", created_at: order.created_at, items: [{ adjustments: [{ amount: 0.1 }, { amount: 0.2 }] }] })).toBe(0.3)
  })

  it("keeps the total, a lower-case currency and the times as ISO strings", () => {
    expect(orderFigures(order, [])).toEqual({
      order_id: "order_b", amount: 90.5, currency_code: "eur", discount_amount: 10.5, first_order: true,
      ordered_at: "2026-12-01T10:00:00.000Z", canceled_at: null,
    })
  })

  it("is a first order when no earlier order counts (itself, later and canceled ones do not)", () => {
    const at = order.created_at
    expect(isFirstOrder(order, [{ id: "order_b", created_at: at }])).toBe(true)
    expect(isFirstOrder(order, [{ id: "order_c", created_at: "2026-12-02T00:00:00Z" }])).toBe(true)
    expect(isFirstOrder(order, [{ id: "order_x", created_at: "2026-11-01T00:00:00Z", status: "canceled" }])).toBe(true)
    expect(isFirstOrder(order, [{ id: "order_x", created_at: "2026-11-01T00:00:00Z", canceled_at: "2026-11-02T00:00:00Z" }])).toBe(true)
    expect(isFirstOrder(order, [{ id: "order_x", created_at: "2026-11-01T00:00:00Z", status: "pending" }])).toBe(false)
    // The same instant: the smaller id came first.
    expect(isFirstOrder(order, [{ id: "order_a", created_at: at }])).toBe(false)
    expect(isFirstOrder(order, [{ id: "order_c", created_at: at }])).toBe(true)
  })
})
