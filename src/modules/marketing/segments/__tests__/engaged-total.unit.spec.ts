import { compileSegment, dependenciesOf, validateSegmentDefinition, type SegmentNode } from ".."

const errorsOf = (tree: unknown) => {
  const r = validateSegmentDefinition(tree)
  return r.ok ? [] : r.errors.map((e) => `${e.path}: ${e.message}`)
}

/** "More than 3 minutes on product pages in the last 7 days." */
const productTime: SegmentNode = {
  event: {
    type: "page_engaged",
    where: { field: "properties.page_type", operator: "eq", value: "product" },
    total: { property: "engaged_ms", operator: "gt", value: 180_000 },
    within_days: 7,
  },
}

describe("event totals (engaged time in a window)", () => {
  it("accepts a total of a number property, and sessions counted in a window", () => {
    expect(errorsOf(productTime)).toEqual([])
    expect(errorsOf({ event: { type: "session_started", count: { operator: "gte", value: 5 }, within_days: 30 } })).toEqual([])
    expect(errorsOf({ field: "sessions_count", operator: "gte", value: 5 })).toEqual([])
    expect(errorsOf({ field: "average_engaged_ms", operator: "gt", value: 60_000 })).toEqual([])
  })

  it("names the path of a bad total", () => {
    expect(
      errorsOf({
        and: [
          { event: { type: "page_engaged", total: { property: "path", operator: "gt", value: 1 } } },
          { event: { type: "page_engaged", total: { property: "engaged_ms", operator: "between", value: -1 } } },
          { event: { type: "page_engaged", count: { operator: "gte", value: 2 }, total: { property: "engaged_ms", operator: "gt", value: 1 } } },
        ],
      })
    ).toEqual([
      "and[0].event.total.property: must be a number property of the event type",
      "and[1].event.total.operator: must be one of gte, gt, lte, lt, eq",
      "and[1].event.total.value: must be a number from 0",
      "and[2].event.total: give count or total, not both",
    ])
  })

  it("sums the property over the window in both modes, and a contact without events has 0", () => {
    const now = new Date("2026-03-10T00:00:00Z")
    for (const mode of ["set", "contact"] as const) {
      const { sql, params } = compileSegment(productTime, { mode, now })
      expect(sql).toContain("sum((CASE WHEN jsonb_typeof(e.properties #> '{engaged_ms}') = 'number'")
      expect(params).toEqual(expect.arrayContaining(["page_engaged", 7, "product", 180_000]))
    }
    // "> 180 s" fails at 0: only contacts with events can match (EXISTS) ...
    expect(compileSegment(productTime, { mode: "set", now }).sql).toMatch(/^EXISTS/)
    // ... "< 60 s" holds at 0: contacts without events match too (NOT EXISTS ... NOT).
    const little: SegmentNode = { event: { type: "page_engaged", total: { property: "engaged_ms", operator: "lt", value: 60_000 }, within_days: 7 } }
    expect(compileSegment(little, { mode: "set", now }).sql).toMatch(/^NOT EXISTS/)
  })

  it("depends on the event type and on time", () => {
    expect(dependenciesOf(productTime)).toMatchObject({ event_types: ["page_engaged"], time: true })
  })
})
