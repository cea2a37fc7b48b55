import { generateKeyPairSync, sign } from "crypto"
import { parseSendgridEvents, verifySendgridSignature } from "../webhooks/sendgrid"

describe("SendGrid event webhook", () => {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" })
  const publicKeyB64 = publicKey.export({ format: "der", type: "spki" }).toString("base64")
  const now = new Date("2026-05-01T10:00:00Z")
  const timestamp = String(now.getTime() / 1000)
  const rawBody = JSON.stringify([{ email: "A@Example.com", event: "bounce", type: "bounce", timestamp: 1777629600, marketing_message_id: "mmsg_1", reason: "550 5.1.1 no such user" }])
  const signature = sign("sha256", Buffer.from(timestamp + rawBody), privateKey).toString("base64")

  it("accepts a correctly signed, recent request", () => {
    expect(verifySendgridSignature({ publicKey: publicKeyB64, rawBody, signature, timestamp }, now)).toBe(true)
  })
  it("refuses tampered bodies, other keys, old or malformed requests", () => {
    expect(verifySendgridSignature({ publicKey: publicKeyB64, rawBody: rawBody.replace("bounce", "delivered"), signature, timestamp }, now)).toBe(false)
    const other = generateKeyPairSync("ec", { namedCurve: "P-256" }).publicKey.export({ format: "der", type: "spki" }).toString("base64")
    expect(verifySendgridSignature({ publicKey: other, rawBody, signature, timestamp }, now)).toBe(false)
    expect(verifySendgridSignature({ publicKey: publicKeyB64, rawBody, signature, timestamp }, new Date(now.getTime() + 3600_000))).toBe(false)
    expect(verifySendgridSignature({ publicKey: publicKeyB64, rawBody, signature: undefined, timestamp }, now)).toBe(false)
    expect(verifySendgridSignature({ publicKey: "not a key", rawBody, signature, timestamp }, now)).toBe(false)
  })
  it("keeps the events that matter for suppression", () => {
    const events = parseSendgridEvents([
      ...JSON.parse(rawBody),
      { email: "b@example.com", event: "bounce", type: "blocked", timestamp: 1 },
      { email: "c@example.com", event: "spamreport", timestamp: 1 },
      { email: "d@example.com", event: "open", timestamp: 1 },
      { event: "bounce" },
      "junk",
    ])
    expect(events.map((e) => [e.email, e.kind, e.permanent])).toEqual([
      ["a@example.com", "bounced", true],
      ["b@example.com", "bounced", false],
      ["c@example.com", "complained", true],
    ])
    expect(events[0]).toMatchObject({ message_id: "mmsg_1", reason: "550 5.1.1 no such user" })
    expect(parseSendgridEvents({ not: "a list" })).toEqual([])
  })

  it("takes a timestamp no Date can hold as now instead of throwing (found by the fuzz suite)", () => {
    const before = Date.now()
    const [event] = parseSendgridEvents([{ email: "a@example.com", event: "bounce", type: "bounce", timestamp: 1e20 }])
    expect(Date.parse(event.at)).toBeGreaterThanOrEqual(before - 1000)
    expect(parseSendgridEvents([{ email: "a@example.com", event: "bounce", type: "bounce", timestamp: 1 }])[0].at).toBe("1970-01-01T00:00:01.000Z")
  })
})
