import { continuesSession, engagedMsOf, localDay, splitSessions, type SessionEvent } from "../sessions"

const ev = (at: string, extra: Partial<SessionEvent> = {}): SessionEvent => ({
  contact_id: "mcon_1",
  type: "page_viewed",
  occurred_at: at,
  utm_campaign: null,
  utm_source: null,
  channel: null,
  page_url: null,
  engaged_ms: 0,
  ...extra,
})

describe("sessions", () => {
  it("keeps events 30 minutes apart in one session and starts another after a longer gap", () => {
    const parts = splitSessions(
      [ev("2026-03-02T10:00:00Z"), ev("2026-03-02T10:30:00Z"), ev("2026-03-02T11:00:00.001Z")],
      "UTC"
    )
    expect(parts.map((p) => [p.seq, p.started_at, p.ended_at, p.pages])).toEqual([
      [0, "2026-03-02T10:00:00Z", "2026-03-02T10:30:00Z", 2],
      [1, "2026-03-02T11:00:00.001Z", "2026-03-02T11:00:00.001Z", 1],
    ])
  })

  it("measures the gap from the latest event, not the session's start", () => {
    const times = ["10:00", "10:25", "10:50", "11:15", "11:40"].map((t) => ev(`2026-03-02T${t}:00Z`))
    expect(splitSessions(times, "UTC")).toHaveLength(1)
  })

  it("starts a new session on a new UTM campaign, not on an event without one", () => {
    const parts = splitSessions(
      [
        ev("2026-03-02T10:00:00Z", { utm_campaign: "spring" }),
        ev("2026-03-02T10:01:00Z"),
        ev("2026-03-02T10:02:00Z", { utm_campaign: "spring" }),
        ev("2026-03-02T10:03:00Z", { utm_campaign: "summer" }),
      ],
      "UTC"
    )
    expect(parts.map((p) => [p.utm_campaign, p.pages])).toEqual([
      ["spring", 3],
      ["summer", 1],
    ])
    // A direct session is left by a campaign's click.
    expect(splitSessions([ev("2026-03-02T10:00:00Z"), ev("2026-03-02T10:01:00Z", { utm_campaign: "x" })], "UTC")).toHaveLength(2)
  })

  it("starts a new session at midnight in the store's time zone", () => {
    // 22:50 and 23:10 UTC: one day in UTC; 23:50 and 00:10 in Paris (UTC+1 in March), two days there.
    const events = [ev("2026-03-02T22:50:00Z"), ev("2026-03-02T23:10:00Z")]
    expect(localDay(events[0].occurred_at, "Europe/Paris")).toBe("2026-03-02")
    expect(localDay(events[1].occurred_at, "Europe/Paris")).toBe("2026-03-03")
    expect(splitSessions(events, "UTC")).toHaveLength(1)
    expect(splitSessions(events, "Europe/Paris").map((p) => p.started_at)).toEqual(["2026-03-02T22:50:00Z", "2026-03-02T23:10:00Z"])
    // New York (UTC-5): 04:50 and 05:10 UTC are either side of its midnight, within one UTC day.
    const ny = [ev("2026-03-02T04:50:00Z"), ev("2026-03-02T05:10:00Z")]
    expect(splitSessions(ny, "UTC")).toHaveLength(1)
    expect(splitSessions(ny, "America/New_York")).toHaveLength(2)
  })

  it("sorts each contact's events, keeps contacts apart and sums engaged time", () => {
    const parts = splitSessions(
      [
        ev("2026-03-02T10:05:00Z", { type: "page_engaged", engaged_ms: 4000 }),
        ev("2026-03-02T10:00:00Z", { page_url: "https://shop.test/landing", channel: "paid_search", utm_source: "google" }),
        ev("2026-03-02T10:01:00Z", { contact_id: "mcon_2", type: "product_viewed", page_url: "https://shop.test/p/1" }),
        ev("2026-03-02T10:06:00Z", { type: "page_engaged", engaged_ms: 2500 }),
      ],
      "UTC"
    )
    expect(parts).toEqual([
      {
        contact_id: "mcon_1",
        seq: 0,
        started_at: "2026-03-02T10:00:00Z",
        ended_at: "2026-03-02T10:06:00Z",
        pages: 1,
        engaged_ms: 6500,
        landing_page: "https://shop.test/landing",
        utm_source: "google",
        utm_campaign: null,
        channel: "paid_search",
      },
      {
        contact_id: "mcon_2",
        seq: 0,
        started_at: "2026-03-02T10:01:00Z",
        ended_at: "2026-03-02T10:01:00Z",
        pages: 1,
        engaged_ms: 0,
        landing_page: "https://shop.test/p/1",
        utm_source: null,
        utm_campaign: null,
        channel: "direct",
      },
    ])
  })

  it("lets a late event join the session it comes after on the same day", () => {
    const edge = { ended_at: "2026-03-02T12:00:00Z", utm_campaign: "spring" }
    expect(continuesSession(edge, { occurred_at: "2026-03-02T09:00:00Z", utm_campaign: null }, "UTC")).toBe(true)
    expect(continuesSession(edge, { occurred_at: "2026-03-01T23:00:00Z", utm_campaign: null }, "UTC")).toBe(false)
    expect(continuesSession(edge, { occurred_at: "2026-03-02T12:30:00Z", utm_campaign: "spring" }, "UTC")).toBe(true)
    expect(continuesSession(edge, { occurred_at: "2026-03-02T12:30:01Z", utm_campaign: "spring" }, "UTC")).toBe(false)
    expect(continuesSession(edge, { occurred_at: "2026-03-02T12:10:00Z", utm_campaign: "autumn" }, "UTC")).toBe(false)
  })

  it("reads engaged time only from page_engaged events, clamped to a day", () => {
    expect(engagedMsOf("page_engaged", { engaged_ms: 1234.4 })).toBe(1234)
    expect(engagedMsOf("page_engaged", { engaged_ms: 10 * 86_400_000 })).toBe(86_400_000)
    expect(engagedMsOf("page_engaged", { engaged_ms: "5000" })).toBe(0)
    expect(engagedMsOf("page_engaged", { engaged_ms: -5 })).toBe(0)
    expect(engagedMsOf("product_viewed", { engaged_ms: 5000 })).toBe(0)
  })
})
