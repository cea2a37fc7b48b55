import { listUnsubscribeHeaders, suppressionHash } from "../headers"

describe("unsubscribe headers and suppression hashes", () => {
  it("builds RFC 8058 one-click headers", () => {
    expect(listUnsubscribeHeaders({ url: "https://shop.example/marketing/u/abc.def", mailto: "unsubscribe@shop.example" })).toEqual({
      "List-Unsubscribe": "<https://shop.example/marketing/u/abc.def>, <mailto:unsubscribe@shop.example?subject=unsubscribe>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    })
    expect(() => listUnsubscribeHeaders({ url: "javascript:alert(1)" })).toThrow()
    expect(() => listUnsubscribeHeaders({ url: "https://x.example/", mailto: "a@b>\r\nBcc: x@y" })).toThrow()
  })
  it("hashes addresses case- and space-insensitively, keyed", () => {
    const a = suppressionHash(" Ada@Example.com ", "secret-1")
    expect(a).toBe(suppressionHash("ada@example.com", "secret-1"))
    expect(a).not.toBe(suppressionHash("ada@example.com", "secret-2"))
    expect(a).toMatch(/^[0-9a-f]{64}$/)
  })
})
