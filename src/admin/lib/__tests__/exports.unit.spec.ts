import { columnLabel, describeExport, exportFiltersOf } from "../exports/types"

describe("contact export helpers", () => {
  it("takes the list's filters without paging, order or empty values", () => {
    expect(
      exportFiltersOf({ limit: 20, offset: 40, order: "-last_seen_at", q: "ann", country_code: "fr", source: undefined, known: "" })
    ).toEqual({ q: "ann", country_code: "fr" })
  })

  it("says what an export holds", () => {
    const base = { segment_id: null, filters: null, platform: null, advertising: false }
    expect(describeExport({ ...base, kind: "list" })).toBe("All contacts")
    expect(describeExport({ ...base, kind: "list", filters: { country_code: "fr" }, advertising: true })).toBe(
      "Contacts where country_code = fr, for advertising"
    )
    expect(describeExport({ ...base, kind: "segment", segment_id: "mseg_1" })).toBe("Segment mseg_1")
    expect(describeExport({ ...base, kind: "audience", segment_id: "mseg_1", platform: "meta", advertising: true })).toBe(
      "Ad audience (meta) of segment mseg_1"
    )
  })

  it("labels columns in words", () => {
    expect(columnLabel("acquisition_score")).toBe("Acquisition score")
  })
})
