import { parseSignedJsonFeedback, signFeedback, verifyFeedbackSignature } from "../webhooks/signed-json"

const secret = "a-test-secret-of-some-length"

describe("signed JSON delivery feedback", () => {
  const body = JSON.stringify({ events: [{ type: "bounce", email: " A@Example.com ", message_id: "mmsg_1", reason: "550 no such user" }] })
  const now = new Date("2026-06-01T12:00:00Z")
  const ts = String(Math.floor(now.getTime() / 1000))

  it("accepts its own signature and refuses tampering, another secret and old requests", () => {
    const signature = signFeedback(secret, ts, body)
    expect(verifyFeedbackSignature({ secret, rawBody: body, signature, timestamp: ts }, now)).toBe(true)
    expect(verifyFeedbackSignature({ secret, rawBody: body.replace("550", "551"), signature, timestamp: ts }, now)).toBe(false)
    expect(verifyFeedbackSignature({ secret: secret + "x", rawBody: body, signature, timestamp: ts }, now)).toBe(false)
    expect(verifyFeedbackSignature({ secret, rawBody: body, signature, timestamp: ts }, new Date(now.getTime() + 3600_000))).toBe(false)
    expect(verifyFeedbackSignature({ secret, rawBody: body, signature: undefined, timestamp: ts }, now)).toBe(false)
  })

  it("parses bounces (hard unless said otherwise), complaints and unsubscribes", () => {
    const events = parseSignedJsonFeedback({
      events: [
        { type: "bounce", email: " A@Example.com ", message_id: "mmsg_1" },
        { type: "bounce", email: "b@example.com", hard: false },
        { type: "complaint", email: "c@example.com" },
        { type: "unsubscribe", email: "d@example.com" },
        { type: "open", email: "e@example.com" },
        { type: "bounce" },
      ],
    })
    expect(events.map((e) => [e.kind, e.permanent, e.email])).toEqual([
      ["bounced", true, "a@example.com"],
      ["bounced", false, "b@example.com"],
      ["complained", true, "c@example.com"],
      ["unsubscribed", true, "d@example.com"],
    ])
    expect(events[0].message_id).toBe("mmsg_1")
  })
})
