import {
  draftProblems,
  formatRate,
  formToDraft,
  isDraftDirty,
  linesToList,
  newForm,
  withAbTest,
  withKind,
  withSplit,
  type MarketingForm,
} from "../forms"

describe("form drafts", () => {
  it("a new form is a pop-up asking for the email, with one variant for everyone", () => {
    const form = newForm()
    expect(form).toMatchObject({ kind: "popup", position: "center", status: "draft" })
    expect(form.fields).toEqual([expect.objectContaining({ name: "email", required: true })])
    expect(form.variants.map((v) => [v.id, v.weight])).toEqual([["a", 100]])
    // Nothing to fix but the name.
    expect(draftProblems(form)).toEqual([{ field: "name", message: "Give the form a name." }])
  })

  it("edits a saved form without its id, dates and stats, and tells when it changed", () => {
    const saved = { ...newForm(), name: "Pop", id: "mform_1", created_at: "x", updated_at: "y", stats: { days: 30 } } as unknown as MarketingForm
    const draft = formToDraft(saved)
    expect(draft).not.toHaveProperty("id")
    expect(draft).not.toHaveProperty("stats")
    expect(isDraftDirty(draft, formToDraft(saved))).toBe(false)
    draft.variants[0].content.title = "Changed"
    // A deep copy: the saved form is untouched.
    expect(saved.variants[0].content.title).not.toBe("Changed")
    expect(isDraftDirty(draft, formToDraft(saved))).toBe(true)
  })

  it("keeps the position a new kind allows, else takes the kind's first", () => {
    const flyout = withKind(newForm(), "flyout")
    expect(flyout.position).toBe("bottom_right")
    expect(withKind({ ...flyout, position: "bottom_left" }, "flyout").position).toBe("bottom_left")
    expect(withKind(flyout, "banner").position).toBe("top")
  })

  it("an A/B test copies variant A into B, half and half; the split always adds up to 100", () => {
    const ab = withAbTest({ ...newForm(), name: "x" }, true)
    expect(ab.variants.map((v) => [v.id, v.weight])).toEqual([["a", 50], ["b", 50]])
    expect(ab.variants[1].content).toEqual(ab.variants[0].content)
    expect(ab.variants[1].content).not.toBe(ab.variants[0].content)
    expect(withSplit(ab, 70).variants.map((v) => v.weight)).toEqual([70, 30])
    expect(withSplit(ab, 140).variants.map((v) => v.weight)).toEqual([100, 0])
    expect(withAbTest(ab, false).variants.map((v) => [v.id, v.weight])).toEqual([["a", 100]])
    expect(draftProblems(withSplit(ab, 70))).toEqual([])
  })

  it("names each problem by the API's field path", () => {
    const draft = { ...newForm(), name: "Pop" }
    draft.fields = [
      { name: "first_name", label: "First name", required: false },
      { name: "custom.Plan", label: "Plan", required: false },
      { name: "first_name", label: "Again", required: false },
    ]
    draft.variants[0].content.title = " "
    expect(draftProblems(draft).map((p) => p.field)).toEqual(["fields", "fields[1].name", "fields[2].name", "variants[0].content.title"])
  })

  it("reads page patterns one per line and shows rates as percentages", () => {
    expect(linesToList(" /products/*\n\n/checkout* \n")).toEqual(["/products/*", "/checkout*"])
    expect(formatRate(0.125)).toBe("12.5%")
    expect(formatRate(0)).toBe("0%")
    expect(formatRate(null)).toBe("–")
  })
})
