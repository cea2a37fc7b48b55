import { checkPressure, inQuietHours } from "../pressure"

const base = {
  time_zone: "Europe/Paris",
  frequency_cap_hours: 16,
  quiet_hours: { start: "21:00", end: "08:00" },
  last_marketing_email_at: null,
}

describe("message pressure", () => {
  it("allows an email outside quiet hours with no recent email", () => {
    expect(checkPressure({ ...base, now: new Date("2026-06-10T10:00:00Z") })).toEqual({ allowed: true })
  })

  it("quiet hours across midnight hold until the local end", () => {
    // 23:30 in Paris (UTC+2 in June): held until 08:00 local next day = 06:00Z.
    const verdict = checkPressure({ ...base, now: new Date("2026-06-10T21:30:00Z") })
    expect(verdict).toEqual({ allowed: false, reason: "quiet_hours", next_at: new Date("2026-06-11T06:00:00Z") })
    // 03:00 local, after midnight: same morning.
    expect(checkPressure({ ...base, now: new Date("2026-06-11T01:00:00Z") })).toMatchObject({ next_at: new Date("2026-06-11T06:00:00Z") })
    expect(inQuietHours(new Date("2026-06-11T06:00:00Z"), "Europe/Paris", base.quiet_hours)).toBe(false)
    expect(inQuietHours(new Date("2026-06-11T05:59:00Z"), "Europe/Paris", base.quiet_hours)).toBe(true)
    expect(inQuietHours(new Date("2026-06-10T18:59:00Z"), "Europe/Paris", base.quiet_hours)).toBe(false)
    expect(inQuietHours(new Date("2026-06-10T19:00:00Z"), "Europe/Paris", base.quiet_hours)).toBe(true)
  })

  it("the frequency cap holds until the window ends, then quiet hours apply", () => {
    // Cap ends at 00:00Z = 02:00 local, inside quiet hours: pushed to 08:00 local.
    const last = new Date("2026-06-10T08:00:00Z")
    expect(checkPressure({ ...base, now: new Date("2026-06-10T12:00:00Z"), last_marketing_email_at: last }))
      .toEqual({ allowed: false, reason: "frequency_cap", next_at: new Date("2026-06-11T06:00:00Z") })
    // Cap ends at 18:00Z = 20:00 local, before quiet hours: that time exactly.
    const early = new Date("2026-06-10T02:00:00Z")
    expect(checkPressure({ ...base, now: new Date("2026-06-10T12:00:00Z"), last_marketing_email_at: early }))
      .toEqual({ allowed: false, reason: "frequency_cap", next_at: new Date("2026-06-10T18:00:00Z") })
    expect(checkPressure({ ...base, now: new Date("2026-06-10T12:00:00Z"), last_marketing_email_at: last, bypass_frequency_cap: true }))
      .toEqual({ allowed: true })
  })

  it("uses the contact's zone, and a zero cap or bypass turns each check off", () => {
    // 22:00Z is 18:00 in New York (EDT): allowed there, quiet in Paris.
    const now = new Date("2026-06-10T22:00:00Z")
    expect(checkPressure({ ...base, now, time_zone: "America/New_York" })).toEqual({ allowed: true })
    expect(checkPressure({ ...base, now })).toMatchObject({ allowed: false, reason: "quiet_hours" })
    expect(checkPressure({ ...base, now, bypass_quiet_hours: true })).toEqual({ allowed: true })
    expect(checkPressure({ ...base, now: new Date("2026-06-10T10:00:00Z"), frequency_cap_hours: 0, last_marketing_email_at: new Date("2026-06-10T09:00:00Z") })).toEqual({ allowed: true })
  })
})
