import {
  builtInSegments,
  compileSegment,
  compileTimeEdges,
  dependenciesOf,
  dependencyOrder,
  findCycle,
  industryOfKey,
  membershipTrend,
  pathOfReference,
  validateSegmentDefinition,
  type SegmentNode,
} from ".."

const errorsOf = (tree: unknown) => {
  const r = validateSegmentDefinition(tree)
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
}

describe("validateSegmentDefinition", () => {
  it("accepts every leaf kind, nested", () => {
    const tree = {
      and: [
        { field: "country_code", operator: "in", value: ["fr", "de"] },
        { not: { field: "lifecycle_stage", operator: "eq", value: "lost" } },
        { or: [{ field: "acquisition_score", operator: "gte", value: 20 }, { field: "birth_date", operator: "anniversary_within_next", value: { days: 7 } }] },
        { event: { type: "product_viewed", where: { field: "properties.category", operator: "eq", value: "shoes" }, count: { operator: "gte", value: 3 }, within_days: 7 } },
        { purchase: { metric: "total_spent", operator: "gte", value: 100, currency_code: "eur" } },
        { segment: "mseg_1" },
        { customer_group: "cusgroup_1" },
        { top_spenders: { percent: 10 } },
        { field: "email_marketing_consent", operator: "eq", value: "granted" },
      ],
    }
    expect(errorsOf(tree)).toEqual([])
  })

  it("names the path of each problem", () => {
    expect(
      errorsOf({
        and: [
          { field: "country_code", operator: "gt", value: "fr" },
          { field: "nope", operator: "eq", value: 1 },
          { event: { type: "product_viewed", where: { field: "properties.category", operator: "eq", value: 3 }, count: { operator: "ne", value: -1 } } },
          { event: { type: "made_up" } },
          { purchase: { metric: "total_spent", operator: "gte", value: 5 } },
          { segment: 12 },
          { top_spenders: { percent: 100 } },
          { or: [] },
          { field: "acquisition_score", operator: "gte", value: "high" },
        ],
      })
    ).toEqual([
      'and[0].operator: "gt" does not apply to string field "country_code"',
      'and[1].field: unknown field "nope"',
      "and[2].event.where.value: must be a string",
      "and[2].event.count.operator: must be one of gte, lte, eq",
      "and[2].event.count.value: must be a whole number from 0",
      'and[3].event.type: unknown event type "made_up"',
      "and[4].purchase.currency_code: is required for total_spent: amounts in different currencies are not added up",
      "and[5].segment: must be a segment id",
      "and[6].top_spenders.percent: must be a whole number from 1 to 99",
      "and[7].or: must hold at least one condition",
      "and[8].value: must be a number",
    ])
  })

  it("rejects unknown keys next to a leaf kind and non-objects", () => {
    expect(errorsOf({ segment: "mseg_1", extra: 1 })).toEqual(["extra: is not a known key"])
    expect(errorsOf([])).toEqual([": must be an object"])
  })
})

describe("dependencies and cycles", () => {
  const tree: SegmentNode = {
    and: [
      { field: "last_seen_at", operator: "within_last", value: { days: 30 } },
      { event: { type: "page_viewed" } },
      { purchase: { metric: "order_count", operator: "gte", value: 1 } },
      { segment: "b" },
      { customer_group: "g" },
    ],
  }
  it("lists what a definition reads", () => {
    expect(dependenciesOf(tree)).toEqual({
      fields: ["last_seen_at"],
      event_types: ["order_canceled", "order_placed", "page_viewed"],
      segments: ["b"],
      customer_groups: ["g"],
      time: true,
      population: false,
    })
    expect(dependenciesOf({ field: "country_code", operator: "eq", value: "fr" }).time).toBe(false)
  })
  it("finds cycles and orders dependencies first", () => {
    const graph = new Map([["a", ["b"]], ["b", ["c"]], ["c", []]])
    expect(findCycle(graph, "a")).toBeNull()
    expect(dependencyOrder(graph)).toEqual(["c", "b", "a"])
    graph.set("c", ["a"])
    expect(findCycle(graph, "a")).toEqual(["a", "b", "c", "a"])
  })
  it("finds the path of a reference", () => {
    expect(pathOfReference(tree, "segment", "b")).toBe("and[3].segment")
    expect(pathOfReference(tree, "segment", "x")).toBeNull()
  })
})

describe("compileSegment", () => {
  const tree = {
    and: [
      { field: "country_code", operator: "eq", value: "fr" },
      { event: { type: "product_viewed", where: { field: "properties.category", operator: "eq", value: "shoes" }, count: { operator: "gte", value: 3 }, within_days: 7 } },
      { purchase: { metric: "average_order_value", operator: "gt", value: 50, currency_code: "eur", within_days: 90 } },
    ],
  }
  it("binds every value, in text order, in both modes", () => {
    const now = new Date("2026-01-01T00:00:00Z")
    for (const mode of ["set", "contact"] as const) {
      const { sql, params } = compileSegment(tree, { mode, now })
      expect((sql.match(/\?/g) ?? []).length).toBe(params.length)
      expect(params.slice(0, 1)).toEqual(["fr"])
      expect(params).toContain("shoes")
      expect(sql).not.toContain("'fr'")
    }
    expect(compileSegment(tree, { mode: "set", now }).sql).toContain("GROUP BY e.contact_id")
    expect(compileSegment(tree, { mode: "contact", now }).sql).not.toContain("GROUP BY")
  })
  it("throws on invalid trees", () => {
    expect(() => compileSegment({ field: "x", operator: "eq", value: 1 }, { mode: "set", now: "now()" })).toThrow(/unknown field/)
  })
  it("has time edges only for time-dependent trees", () => {
    const a = new Date("2026-01-01T00:00:00Z")
    const b = new Date("2026-01-01T00:05:00Z")
    expect(compileTimeEdges({ field: "country_code", operator: "eq", value: "fr" }, a, b)).toBeNull()
    const edges = compileTimeEdges(tree, a, b)!
    expect((edges.sql.match(/\?/g) ?? []).length).toBe(edges.params.length)
  })
})

describe("built-in segments", () => {
  it("are all valid, with unique keys", () => {
    const list = builtInSegments({ categories: [{ id: "pcat_1", name: "Shoes" }], countries: [{ code: "FR", name: "France" }] })
    expect(new Set(list.map((s) => s.key)).size).toBe(list.length)
    for (const s of list) expect([s.key, errorsOf(s.definition)]).toEqual([s.key, []])
    expect(list.map((s) => s.key)).toEqual(expect.arrayContaining(["interest:pcat_1", "country:fr", "device:mobile", "big-spenders", "lapsed-customers", "rfm:champions", "age:25-34"]))
    // No industry built-ins until contacts have an industry.
    expect(list.filter((s) => s.group === "Industries")).toEqual([])
  })

  it("offer one segment per industry the contacts have, keyed by the value in lower case", () => {
    const list = builtInSegments({
      categories: [],
      countries: [],
      industries: ["Retail", " Health care ", "retail", "", "x".repeat(101)],
    })
    const industries = list.filter((s) => s.group === "Industries")
    expect(industries).toEqual([
      {
        key: "industry:retail",
        name: "Industry: Retail",
        description: "Contacts whose company is in the Retail industry (any case).",
        group: "Industries",
        definition: { field: "industry", operator: "eq", value: "Retail" },
      },
      expect.objectContaining({ key: "industry:health care", name: "Industry: Health care", definition: { field: "industry", operator: "eq", value: "Health care" } }),
    ])
    for (const s of industries) expect(errorsOf(s.definition)).toEqual([])
    expect(industryOfKey("industry:health care")).toBe("health care")
    expect(industryOfKey("country:fr")).toBeNull()
  })

  it("offer the prediction segments only once the store has predictions, as valid trees on prediction fields", () => {
    expect(builtInSegments({ categories: [], countries: [] }).filter((s) => s.group === "Predictions")).toEqual([])
    const list = builtInSegments({ categories: [], countries: [], predictions: true }).filter((s) => s.group === "Predictions")
    expect(list.map((s) => s.key)).toEqual(["high-value-at-risk", "about-to-order-again"])
    for (const s of list) expect([s.key, errorsOf(s.definition)]).toEqual([s.key, []])
    expect(dependenciesOf(list[0].definition)).toMatchObject({ fields: expect.arrayContaining(["churn_risk_band"]), population: true })
    // "Within the next 14 days" moves with the clock: the minutely time-window pass keeps it current.
    expect(compileTimeEdges(list[1].definition, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-01T00:05:00Z"))).not.toBeNull()
  })
})

describe("prediction fields in segments", () => {
  it("compile to a subquery on the contact's main prediction row, in both modes", () => {
    const tree = { and: [{ field: "churn_risk_band", operator: "eq", value: "high" }, { field: "predicted_lifetime_value_percentile", operator: "gte", value: 80 }] }
    for (const mode of ["set", "contact"] as const) {
      const { sql, params } = compileSegment(tree, { mode, now: "now()" })
      expect(sql).toContain("FROM marketing_contact_prediction mma_pred WHERE mma_pred.contact_id = c.id")
      expect(sql).toContain(`ORDER BY mma_pred.historic_value DESC, mma_pred.orders DESC, mma_pred.currency_code COLLATE "C" LIMIT 1`)
      expect(params).toEqual(["high", 80])
    }
    expect(errorsOf({ field: "churn_risk_band", operator: "eq", value: "extreme" })).toEqual(["value: must be one of low, medium, high"])
  })
})

describe("membershipTrend", () => {
  it("walks back from the current count", () => {
    const now = new Date("2026-03-10T12:00:00Z")
    const trend = membershipTrend(10, [{ day: "2026-03-10", entered: 3, exited: 1 }, { day: "2026-03-09", entered: 5, exited: 0 }], now, 4)
    expect(trend).toEqual([
      { day: "2026-03-07", count: 3 },
      { day: "2026-03-08", count: 3 },
      { day: "2026-03-09", count: 8 },
      { day: "2026-03-10", count: 10 },
    ])
  })
})
