import {
  definitionToDraft,
  draftToDefinition,
  getDefinitionErrors,
  type BuilderContext,
  type GroupDraft,
} from "../segments"
import type { SegmentField, SegmentNode } from "../types"

const field = (name: string, type: SegmentField["type"], operators: string[], values?: string[]): SegmentField => ({
  name,
  type,
  operators: operators as SegmentField["operators"],
  ...(values ? { values } : {}),
})

const ctx: BuilderContext = {
  fields: new Map(
    [
      field("country_code", "string", ["eq", "neq", "in", "not_in", "exists", "not_exists"]),
      field("acquisition_score", "number", ["gt", "gte", "between"]),
      field("last_seen_at", "date", ["within_last", "before_last"]),
      field("lifecycle_stage", "enum", ["eq", "in"], ["lead", "customer"]),
    ].map((f) => [f.name, f])
  ),
  eventTypes: new Map([
    [
      "product_viewed",
      { type: "product_viewed", properties: [field("properties.category", "string", ["eq", "in"])] },
    ],
  ]),
}

const roundTrip = (definition: SegmentNode) => draftToDefinition(definitionToDraft(definition), ctx)

describe("segment definition drafts", () => {
  it("gives back every kind of condition it reads, nested and negated", () => {
    const definition: SegmentNode = {
      and: [
        { field: "country_code", operator: "in", value: ["fr", "be"] },
        { not: { field: "acquisition_score", operator: "between", value: [10, 20] } },
        {
          or: [
            {
              event: {
                type: "product_viewed",
                where: { and: [{ field: "properties.category", operator: "eq", value: "shoes" }] },
                count: { operator: "gte", value: 3 },
                within_days: 30,
              },
            },
            { purchase: { metric: "total_spent", operator: "gt", value: 100, currency_code: "eur", within_days: 90 } },
            { not: { and: [{ segment: "seg_1" }, { customer_group: "cusgroup_1" }] } },
            { top_spenders: { percent: 10 } },
          ],
        },
        { field: "last_seen_at", operator: "within_last", value: { days: 7 } },
        { event: { type: "product_viewed" } },
      ],
    }
    const result = roundTrip(definition)
    expect(result.errors.size).toBe(0)
    expect(result.definition).toEqual(definition)
  })

  it("wraps a single leaf and a negated root in a group, and keeps unknown leaves as they are", () => {
    expect(roundTrip({ field: "country_code", operator: "eq", value: "fr" }).definition).toEqual({
      and: [{ field: "country_code", operator: "eq", value: "fr" }],
    })
    const negated: SegmentNode = { not: { or: [{ segment: "a" }, { segment: "b" }] } }
    expect(roundTrip(negated).definition).toEqual(negated)
    const unknown = { and: [{ future_kind: { x: 1 } } as unknown as SegmentNode] }
    expect(roundTrip(unknown).definition).toEqual(unknown)
  })

  it("names what is missing, by row", () => {
    const root = definitionToDraft({
      and: [
        { field: "country_code", operator: "eq", value: "fr" },
        { top_spenders: { percent: 10 } },
      ],
    })
    const broken: GroupDraft = {
      ...root,
      children: root.children.map((child, index) =>
        index === 1 && child.type === "leaf" ? { ...child, leaf: { kind: "top_spenders", percent: "150" } } : child
      ),
    }
    const result = draftToDefinition(broken, ctx)
    expect(result.definition).toBeUndefined()
    expect(result.errors.get(broken.children[1].key)).toMatch(/percentage/)
    expect(draftToDefinition({ ...root, children: [] }, ctx).empty).toBe(true)
  })

  it("points a server message at the row its path names", () => {
    const root = definitionToDraft({
      and: [
        { field: "country_code", operator: "eq", value: "fr" },
        { not: { event: { type: "product_viewed", where: { and: [{ field: "properties.category", operator: "eq", value: "x" }] } } } },
      ],
    })
    const { paths } = draftToDefinition(root, ctx)
    const [first, second] = root.children
    const whereRow = second.type === "leaf" && second.leaf.kind === "event" ? second.leaf.where!.children[0] : null
    const errors = getDefinitionErrors(
      'Invalid request: definition.and[0].operator: "gt" does not apply to string field "country_code"; ' +
        "definition.and[1].not.event.where.and[0].value: must be a string",
      paths
    )
    expect(errors.get(first.key)).toBe('operator: "gt" does not apply to string field "country_code"')
    expect(errors.get(whereRow!.key)).toBe("value: must be a string")
  })
})
