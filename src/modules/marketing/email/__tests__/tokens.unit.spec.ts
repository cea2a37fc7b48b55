import { MAX_TOKEN_LENGTH, signToken, verifyToken } from "../tokens"

const SECRET = "a-test-secret-of-enough-length"

describe("email link tokens", () => {
  it("round-trips a payload", () => {
    const token = signToken("click", { m: "mmsg_1", u: "https://shop.example/p/1?x=1" }, SECRET)
    expect(verifyToken("click", token, SECRET)).toEqual({ m: "mmsg_1", u: "https://shop.example/p/1?x=1" })
  })

  it("refuses tampered, foreign, wrong-kind and malformed tokens", () => {
    const token = signToken("click", { m: "mmsg_1", u: "https://shop.example/" }, SECRET)
    const [body, sig] = token.split(".")
    const evil = Buffer.from(JSON.stringify({ m: "mmsg_1", u: "https://evil.example/" })).toString("base64url")
    expect(verifyToken("click", `${evil}.${sig}`, SECRET)).toBeNull()
    expect(verifyToken("click", `${body}.${sig.slice(0, -2)}AA`, SECRET)).toBeNull()
    expect(verifyToken("click", token, "another-secret-of-enough-length")).toBeNull()
    expect(verifyToken("open", token, SECRET)).toBeNull()
    for (const bad of ["", ".", "abc", `${body}.`, `.${sig}`, `${body}.${sig}.x`, 42, null, "x".repeat(MAX_TOKEN_LENGTH + 1)]) {
      expect(verifyToken("click", bad, SECRET)).toBeNull()
    }
  })

  it("never accepts a non-http target, even signed", () => {
    for (const u of ["javascript:alert(1)", "//evil.example", "data:text/html,x", "ftp://x"]) {
      expect(verifyToken("click", signToken("click", { u }, SECRET), SECRET)).toBeNull()
    }
  })

  it("expires confirmation links", () => {
    const now = new Date("2026-01-01T00:00:00Z")
    const token = signToken("confirm", { c: "mcon_1", e: now.getTime() / 1000 + 60 }, SECRET)
    expect(verifyToken("confirm", token, SECRET, now)).toEqual({ c: "mcon_1", e: now.getTime() / 1000 + 60 })
    expect(verifyToken("confirm", token, SECRET, new Date(now.getTime() + 61_000))).toBeNull()
  })

  it("wants a real secret", () => {
    expect(() => signToken("open", { m: "x" }, "short")).toThrow(/at least 16/)
  })
})
