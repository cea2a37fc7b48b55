import type { DataTableFilter } from "@medusajs/ui"
import {
  decodeFilter,
  encodeFilter,
  fromOrder,
  offsetOf,
  oneOf,
  searchOf,
  toOrder,
} from "../list-table-params"

const filter = (type: DataTableFilter["type"]) =>
  ({ id: "f", label: "F", type, options: [] }) as unknown as DataTableFilter

describe("list table URL parameters", () => {
  it("keeps a value only when it is one of the known ones", () => {
    const statuses = ["draft", "active"] as const
    expect(oneOf(statuses, "active")).toBe("active")
    expect(oneOf(statuses, "Active")).toBeUndefined()
    expect(oneOf(statuses, "")).toBeUndefined()
    expect(oneOf(statuses, undefined)).toBeUndefined()
  })

  it("reads the offset of the page an offset falls on", () => {
    expect(offsetOf(undefined, 20)).toBe(0)
    expect(offsetOf("40", 20)).toBe(40)
    expect(offsetOf("47", 20)).toBe(40)
    expect(offsetOf("-20", 20)).toBe(0)
    expect(offsetOf("abc", 20)).toBe(0)
  })

  it("trims the search and leaves out an empty one", () => {
    expect(searchOf(" bob ")).toBe("bob")
    expect(searchOf("  ")).toBeUndefined()
    expect(searchOf(undefined)).toBeUndefined()
  })

  it("writes and reads the order", () => {
    expect(toOrder({ id: "last_seen_at", desc: true })).toBe("-last_seen_at")
    expect(fromOrder("-last_seen_at")).toEqual({ id: "last_seen_at", desc: true })
    expect(fromOrder("email")).toEqual({ id: "email", desc: false })
  })

  it("round-trips each kind of filter value", () => {
    expect(decodeFilter(filter("radio"), encodeFilter("false"))).toBe("false")
    expect(decodeFilter(filter("string"), encodeFilter("google"))).toBe("google")
    expect(decodeFilter(filter("select"), encodeFilter(["fr", "de"]))).toEqual(["fr", "de"])
    expect(decodeFilter(filter("multiselect"), encodeFilter(["a"]))).toEqual(["a"])
    expect(decodeFilter(filter("number"), encodeFilter(50))).toBe(50)
    const range = { $gte: "2026-01-01T00:00:00.000Z" }
    expect(decodeFilter(filter("date"), encodeFilter(range))).toEqual(range)
  })

  it("ignores what it cannot read", () => {
    expect(decodeFilter(filter("number"), "many")).toBeUndefined()
    expect(decodeFilter(filter("date"), "{not json")).toBeUndefined()
    expect(decodeFilter(filter("select"), "")).toEqual([])
  })
})
