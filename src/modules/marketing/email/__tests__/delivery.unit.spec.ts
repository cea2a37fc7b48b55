import { classifySendError, nextAttemptAt, suppressionReason, type DeliveryInput } from "../delivery"

const now = new Date("2026-06-01T12:00:00Z")
const contact = { email: "a@example.com", email_marketing_consent: "granted" }
const base: DeliveryInput = { kind: "marketing", contact, suppression: null, requireConsent: true, now }

describe("suppressionReason", () => {
  it("lets a consenting contact through", () => {
    expect(suppressionReason(base)).toBeNull()
  })

  it("stops marketing email for suppressions, consent, topics and pauses", () => {
    expect(suppressionReason({ ...base, suppression: "unsubscribed" })).toMatch(/unsubscribed/)
    expect(suppressionReason({ ...base, suppression: "complaint" })).toMatch(/complaint/)
    expect(suppressionReason({ ...base, contact: { ...contact, email_marketing_consent: "denied" } })).toMatch(/denied/)
    expect(suppressionReason({ ...base, contact: { ...contact, email_marketing_consent: "pending" } })).toMatch(/pending/)
    expect(suppressionReason({ ...base, contact: { ...contact, email_marketing_consent: "unknown" } })).toMatch(/no email consent/)
    expect(suppressionReason({ ...base, requireConsent: false, contact: { ...contact, email_marketing_consent: "unknown" } })).toBeNull()
    const optedOut = { ...contact, email_topics_opted_out: ["offers"] }
    expect(suppressionReason({ ...base, topic: "offers", contact: optedOut })).toMatch(/offers/)
    expect(suppressionReason({ ...base, topic: "newsletter", contact: optedOut })).toBeNull()
    expect(suppressionReason({ ...base, contact: { ...contact, email_paused_until: "2026-06-02T00:00:00Z" } })).toMatch(/paused/)
    expect(suppressionReason({ ...base, contact: { ...contact, email_paused_until: "2026-05-01T00:00:00Z" } })).toBeNull()
  })

  it("lets transactional email through everything but a hard bounce or a complaint", () => {
    const t = { ...base, kind: "transactional" as const, contact: { ...contact, email_marketing_consent: "pending" } }
    expect(suppressionReason({ ...t, suppression: "unsubscribed" })).toBeNull()
    expect(suppressionReason({ ...t, suppression: "hard_bounce" })).toMatch(/hard-bounced/)
    expect(suppressionReason({ ...t, suppression: "complaint" })).toMatch(/complaint/)
    expect(suppressionReason({ ...t, suppression: "erased" })).toBeNull()
    expect(suppressionReason({ ...base, suppression: "hard_bounce" })).toMatch(/hard-bounced/)
  })
})

describe("classifySendError", () => {
  it("reads the SMTP provider's marker through the Notification Module's wrapping", () => {
    const wrapped = "Failed to send notification with id noti_1:\nsmtp provider: send failed (transient, SMTP 451): 4.3.0 try later"
    expect(classifySendError(wrapped)).toEqual({ transient: true, code: "SMTP 451" })
    expect(classifySendError("smtp provider: send failed (permanent, SMTP 550): no such user")).toEqual({
      transient: false,
      code: "SMTP 550",
    })
  })

  it("treats HTTP provider throttling and outages as transient, bad addresses as permanent", () => {
    expect(classifySendError("Too Many Requests").transient).toBe(true)
    expect(classifySendError("Service Unavailable (503)").transient).toBe(true)
    expect(classifySendError("invalid email address").transient).toBe(false)
    expect(classifySendError("something odd").transient).toBe(true)
  })
})

describe("nextAttemptAt", () => {
  it("backs off exponentially with bounded jitter and stops after the last attempt", () => {
    const at = (attempts: number, r = 0.5) =>
      nextAttemptAt({ attempts, maxAttempts: 5, baseDelaySeconds: 60, now, random: () => r })
    expect(at(1)!.getTime() - now.getTime()).toBe(60_000)
    expect(at(2)!.getTime() - now.getTime()).toBe(120_000)
    expect(at(3, 0)!.getTime() - now.getTime()).toBe(192_000)
    expect(at(4, 1)!.getTime() - now.getTime()).toBe(576_000)
    expect(at(5)).toBeNull()
    expect(nextAttemptAt({ attempts: 30, maxAttempts: 40, baseDelaySeconds: 3600, now, random: () => 1 })!.getTime() - now.getTime()).toBe(6 * 3600 * 1000)
  })
})
