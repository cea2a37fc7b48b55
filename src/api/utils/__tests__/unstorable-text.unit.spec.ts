import { findUnstorableText, pathProblem, unstorableReason } from "../unstorable-text"

describe("text Postgres cannot store", () => {
  it("NUL and lone surrogates are refused; well-formed pairs and ordinary text pass", () => {
    expect(unstorableReason("a\u0000b")).toMatch(/NUL/)
    expect(unstorableReason("\ud800")).toMatch(/lone surrogate/)
    expect(unstorableReason("x\udc00")).toMatch(/lone surrogate/)
    expect(unstorableReason("\udc00\ud800")).toMatch(/lone surrogate/)
    expect(unstorableReason("👟 Zoë ✓")).toBeNull()
  })

  it("names the first bad value or key with the validators' path syntax", () => {
    expect(findUnstorableText({ events: [{ ok: "x" }, { properties: { a: "\u0000" } }] })).toEqual({
      path: "events[1].properties.a",
      reason: "contains a NUL character, which cannot be stored",
    })
    expect(findUnstorableText({ properties: { ["k\ud800"]: 1 } })?.path).toBe("properties")
    expect(findUnstorableText({ "\u0000": 1 })?.path).toBe("body")
    expect(findUnstorableText({ a: [1, true, null, "fine"] })).toBeNull()
  })

  it("refuses nesting deeper than any route accepts instead of recursing without end", () => {
    let deep: unknown = "x"
    for (let i = 0; i < 10_000; i++) deep = [deep]
    expect(findUnstorableText(deep)?.reason).toMatch(/nested deeper than 64/)
  })

  it("paths: invalid percent-encoding and encoded NUL are problems, ordinary encoding is not", () => {
    expect(pathProblem("/marketing/t/o/%FF%FE")).toMatch(/percent-encoded/)
    expect(pathProblem("/marketing/t/o/%E0%A4%A")).toMatch(/percent-encoded/)
    expect(pathProblem("/admin/marketing/contacts/a%00")).toMatch(/NUL/)
    expect(pathProblem("/marketing/t/c/abc.def%2Fx%20y")).toBeNull()
  })
})
