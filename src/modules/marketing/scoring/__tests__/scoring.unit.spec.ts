import { DAY_MS, decayFactor, decayedValue } from "../decay"
import { band, quintileCuts, rfmGroup, rfmPoints } from "../rfm"
import { capWindow } from "../cap-window"
import { ruleMatchesEvent, fitRuleHolds, validateScoringRule } from "../rules"
import { stageFor, thresholdsCrossed, valuesCrossed } from "../stages"

const T = {
  lead_threshold: 20,
  marketing_qualified_threshold: 50,
  sales_ready_threshold: 80,
  repeat_customer_orders: 2,
  vip_loyalty_score: 85,
}

describe("decay", () => {
  it("halves points every half-life and never grows them", () => {
    expect(decayFactor(30 * DAY_MS, 30)).toBeCloseTo(0.5, 10)
    expect(decayFactor(60 * DAY_MS, 30)).toBeCloseTo(0.25, 10)
    expect(decayFactor(-5, 30)).toBe(1)
    expect(decayedValue(10, "2026-01-01T00:00:00Z", new Date("2026-01-11T00:00:00Z"), 10)).toBeCloseTo(5, 10)
  })
})

describe("RFM", () => {
  it("cuts quintiles as percentile_disc does and bands ties together", () => {
    expect(quintileCuts([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([2, 4, 6, 8])
    const cuts = quintileCuts([1, 1, 1, 1, 2, 3])
    expect(cuts).toEqual([1, 1, 1, 2])
    expect(band(1, cuts)).toBe(1)
    expect(band(2, cuts)).toBe(4)
    expect(band(3, cuts)).toBe(5)
  })
  it("names the groups", () => {
    expect(rfmGroup(5, 5, 5)).toBe("Champions")
    expect(rfmGroup(5, 1, 1)).toBe("New customer")
    expect(rfmGroup(4, 1, 1)).toBe("Promising")
    expect(rfmGroup(3, 4, 4)).toBe("Loyal")
    expect(rfmGroup(3, 2, 2)).toBe("Need attention")
    expect(rfmGroup(4, 2, 3)).toBe("Potential loyalist")
    expect(rfmGroup(2, 4, 3)).toBe("At risk")
    expect(rfmGroup(1, 5, 5)).toBe("Can't lose them")
    expect(rfmGroup(2, 1, 1)).toBe("Hibernating")
    expect(rfmGroup(1, 1, 2)).toBe("Lost")
  })
  it("turns bands into 0-100 loyalty points", () => {
    expect(rfmPoints(1, 1, 1)).toBe(0)
    expect(rfmPoints(5, 5, 5)).toBe(100)
    expect(rfmPoints(3, 3, 3)).toBe(50)
  })
})

describe("lifecycle stages", () => {
  const lead = (score: number, current: any = "subscriber") =>
    stageFor({ current, acquisition_score: score, order_count: 0, loyalty_score: 0, rfm_group: null }, T)
  it("climbs by acquisition score and does not fall back on decay", () => {
    expect(lead(5)).toBe("subscriber")
    expect(lead(20)).toBe("lead")
    expect(lead(79)).toBe("marketing_qualified")
    expect(lead(80)).toBe("sales_ready")
    expect(lead(10, "sales_ready")).toBe("sales_ready")
  })
  it("places customers by orders, loyalty and RFM", () => {
    const customer = (order_count: number, loyalty_score: number, rfm_group: string | null) =>
      stageFor({ current: "sales_ready", acquisition_score: 90, order_count, loyalty_score, rfm_group }, T)
    expect(customer(1, 20, "New customer")).toBe("customer")
    expect(customer(3, 40, "Loyal")).toBe("repeat_customer")
    expect(customer(3, 90, "Champions")).toBe("vip")
    expect(customer(3, 90, "At risk")).toBe("at_risk")
    expect(customer(3, 90, "Lost")).toBe("lost")
  })
  it("reports threshold crossings both ways", () => {
    expect(thresholdsCrossed(10, 55, T)).toEqual([
      { threshold: "marketing_qualified", value: 50, direction: "up" },
      { threshold: "lead", value: 20, direction: "up" },
    ])
    expect(thresholdsCrossed(85, 79, T)).toEqual([{ threshold: "sales_ready", value: 80, direction: "down" }])
  })
  it("adds flows' own thresholds, unnamed, once each and not where a stage threshold is", () => {
    expect(thresholdsCrossed(40, 60, T, [45, 45, 50, 70])).toEqual([
      { threshold: "marketing_qualified", value: 50, direction: "up" },
      { threshold: null, value: 45, direction: "up" },
    ])
    expect(thresholdsCrossed(48, 44, T, [45])).toEqual([{ threshold: null, value: 45, direction: "down" }])
    expect(thresholdsCrossed(45, 45, T, [45])).toEqual([])
    expect(valuesCrossed(0, 12, [10, 12, 13])).toEqual([{ value: 10, direction: "up" }, { value: 12, direction: "up" }])
  })
})

describe("rules", () => {
  const shoes = {
    name: "Viewed shoes",
    kind: "engagement" as const,
    event_type: "product_viewed",
    conditions: { and: [{ field: "properties.category", operator: "eq" as const, value: "shoes" }] },
    points: 5,
    cap_count: 3,
    cap_period: "day" as const,
  }
  it("validates a rule and names the path of each problem", () => {
    expect(validateScoringRule(shoes)).toEqual([])
    const errors = validateScoringRule({
      ...shoes,
      event_type: "teleported",
      points: 0,
      cap_period: null,
    })
    expect(errors.map((e) => e.path).sort()).toEqual(["cap_period", "event_type", "points"])
    const bad = validateScoringRule({ ...shoes, conditions: { and: [{ field: "properties.colour", operator: "eq", value: "red" }] } as any })
    expect(bad[0].path).toBe("conditions.and[0].field")
    const op = validateScoringRule({ ...shoes, conditions: { and: [{ field: "properties.category", operator: "gt", value: 1 }] } as any })
    expect(op[0].path).toMatch(/^conditions\.and\[0\]/)
    expect(validateScoringRule({ name: "fit", kind: "fit", event_type: "page_viewed", points: 5 })[0].path).toBe("event_type")
  })
  it("matches events by type and properties", () => {
    const now = new Date()
    const event = (props: Record<string, unknown>, type = "product_viewed") => ({ id: "e", type, properties: props, occurred_at: now.toISOString() })
    expect(ruleMatchesEvent(shoes, event({ category: "Shoes" }), now)).toBe(true)
    expect(ruleMatchesEvent(shoes, event({ category: "hats" }), now)).toBe(false)
    expect(ruleMatchesEvent(shoes, event({ category: "shoes" }, "page_viewed"), now)).toBe(false)
    const custom = { name: "Review", kind: "loyalty" as const, event_type: "custom:review", points: 10,
      conditions: { and: [{ field: "properties.stars", operator: "eq" as const, value: "5" }] } }
    expect(validateScoringRule(custom)).toEqual([])
    expect(ruleMatchesEvent(custom, event({ stars: "5" }, "custom:review"), now)).toBe(true)
  })
  it("holds fit rules on contact attributes", () => {
    const rule = { name: "France", kind: "fit" as const, points: 10,
      conditions: { and: [{ field: "country_code", operator: "in" as const, value: ["fr", "be"] }] } }
    expect(fitRuleHolds(rule, { country_code: "fr" }, new Date())).toBe(true)
    expect(fitRuleHolds(rule, { country_code: "de" }, new Date())).toBe(false)
  })
  it("cuts cap windows on UTC days and ISO weeks", () => {
    expect(capWindow("day", "2026-11-22T23:30:00+02:00")).toEqual({ start: "2026-11-22T00:00:00.000Z", end: "2026-11-23T00:00:00.000Z" })
    expect(capWindow("week", "2026-11-22T12:00:00Z")).toEqual({ start: "2026-11-16T00:00:00.000Z", end: "2026-11-23T00:00:00.000Z" })
    expect(capWindow("ever", "2026-11-22T12:00:00Z")).toBeNull()
  })
})

describe("the demo's starter rules", () => {
  it("are all valid", () => {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { RULES } = require("../../../../../scripts/demo/scoring")
    for (const rule of RULES) expect([rule.name, validateScoringRule(rule)]).toEqual([rule.name, []])
  })
})
