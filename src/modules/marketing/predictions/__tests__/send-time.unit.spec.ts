import {
  HOURS_PER_WEEK,
  SEND_TIME_PRIOR_WEIGHT,
  bestHourOfWeek,
  chooseBestSendTime,
  heatMapDays,
  hourOfWeek,
  hourOfWeekLabel,
  posteriorWeight,
  storeShares,
} from "../send-time"

const TUESDAY_10 = 24 + 10
const THURSDAY_18 = 3 * 24 + 18
const MONDAY_08 = 8

/** A store where 80 of 100 opens fall on Thursday 18:00 and 20 on Monday 08:00. */
function store(): number[] {
  const counts = new Array(HOURS_PER_WEEK).fill(0)
  counts[THURSDAY_18] = 80
  counts[MONDAY_08] = 20
  return counts
}

describe("hour of the week", () => {
  it("counts from Monday 00:00 in the given zone", () => {
    // 2026-12-08 is a Tuesday; 09:30 UTC is 10:30 in Berlin (winter, UTC+1)
    expect(hourOfWeek(new Date("2026-12-08T09:30:00Z"), "Europe/Berlin")).toBe(TUESDAY_10)
    expect(hourOfWeek(new Date("2026-12-08T09:30:00Z"), "UTC")).toBe(24 + 9)
    // Sunday 23:59 in Tokyo is the last hour
    expect(hourOfWeek(new Date("2026-12-13T14:59:00Z"), "Asia/Tokyo")).toBe(167)
    expect(hourOfWeekLabel(TUESDAY_10)).toBe("Tuesday 10:00")
    expect(hourOfWeekLabel(167)).toBe("Sunday 23:00")
    expect(() => hourOfWeekLabel(168)).toThrow(RangeError)
  })
})

describe("shrinkage towards the store pattern", () => {
  const shares = storeShares(store())!

  it("gives a contact with many opens at an hour that hour", () => {
    expect(bestHourOfWeek({ [TUESDAY_10]: 12 }, shares)).toBe(TUESDAY_10)
  })

  it("gives a contact with one open the store's busiest hour: 1 + 10 × 0 < 0 + 10 × 0.8", () => {
    expect(posteriorWeight({ [TUESDAY_10]: 1 }, shares, TUESDAY_10)).toBe(1)
    expect(posteriorWeight({ [TUESDAY_10]: 1 }, shares, THURSDAY_18)).toBeCloseTo(SEND_TIME_PRIOR_WEIGHT * 0.8, 12)
    expect(bestHourOfWeek({ [TUESDAY_10]: 1 }, shares)).toBe(THURSDAY_18)
    // Eight opens outweigh the store's 8 (ties go to the earliest hour); seven do not.
    expect(bestHourOfWeek({ [TUESDAY_10]: 8 }, shares)).toBe(TUESDAY_10)
    expect(bestHourOfWeek({ [TUESDAY_10]: 7 }, shares)).toBe(THURSDAY_18)
  })

  it("knows nothing without history and without a store pattern", () => {
    expect(storeShares(new Array(HOURS_PER_WEEK).fill(0))).toBeNull()
    expect(bestHourOfWeek({}, null)).toBeNull()
    expect(bestHourOfWeek({}, shares)).toBe(THURSDAY_18)
    expect(() => storeShares([1, 2])).toThrow(RangeError)
  })
})

describe("best time within the next 24 hours", () => {
  const shares = storeShares(store())!

  it("waits for the start of the best hour ahead, in the contact's zone", () => {
    // Monday 2026-12-07 12:00 Berlin: Tuesday 10:00 Berlin (09:00 UTC) is 22 hours ahead
    const choice = chooseBestSendTime({ now: new Date("2026-12-07T11:00:00Z"), time_zone: "Europe/Berlin", counts: { [TUESDAY_10]: 12 }, shares })
    expect(choice).toEqual({ send_now: false, at: new Date("2026-12-08T09:00:00Z"), hour: TUESDAY_10 })
  })

  it("sends now during the best hour, and picks the best hour in reach when the weekly best is beyond 24 hours", () => {
    expect(chooseBestSendTime({ now: new Date("2026-12-08T09:20:00Z"), time_zone: "Europe/Berlin", counts: { [TUESDAY_10]: 12 }, shares }))
      .toEqual({ send_now: true, reason: "best_hour_now", hour: TUESDAY_10 })
    // Wednesday 11:00 Berlin: Tuesday 10:00 is six days away; the store's Thursday 18:00 is 31 hours away;
    // every hour in reach weighs 0, so the current hour wins the tie
    const far = chooseBestSendTime({ now: new Date("2026-12-09T10:00:00Z"), time_zone: "Europe/Berlin", counts: { [TUESDAY_10]: 12 }, shares })
    expect(far).toEqual({ send_now: true, reason: "best_hour_now", hour: 2 * 24 + 11 })
    // Wednesday 19:00 Berlin: Thursday 18:00 is 23 hours ahead
    const store18 = chooseBestSendTime({ now: new Date("2026-12-09T18:00:00Z"), time_zone: "Europe/Berlin", counts: {}, shares })
    expect(store18).toEqual({ send_now: false, at: new Date("2026-12-10T17:00:00Z"), hour: THURSDAY_18 })
  })

  it("sends now when nothing is known, and skips hours starting in quiet hours", () => {
    expect(chooseBestSendTime({ now: new Date("2026-12-07T11:00:00Z"), time_zone: "UTC", counts: {}, shares: null }))
      .toEqual({ send_now: true, reason: "unknown", hour: null })
    const quiet = chooseBestSendTime({
      now: new Date("2026-12-07T11:00:00Z"), time_zone: "Europe/Berlin", counts: { [TUESDAY_10]: 12, [TUESDAY_10 - 2]: 3 }, shares,
      quiet_hours: { start: "09:30", end: "11:00" },
    })
    expect(quiet).toEqual({ send_now: false, at: new Date("2026-12-08T07:00:00Z"), hour: TUESDAY_10 - 2 })
  })

  it("counts hours by the wall clock across a change of summer time", () => {
    // Saturday 2026-03-28 12:00 Berlin (UTC+1); Sunday 10:00 Berlin is after the spring-forward, at 08:00 UTC
    const sunday10 = 6 * 24 + 10
    const choice = chooseBestSendTime({ now: new Date("2026-03-28T11:00:00Z"), time_zone: "Europe/Berlin", counts: { [sunday10]: 5 }, shares: null })
    expect(choice).toEqual({ send_now: false, at: new Date("2026-03-29T08:00:00Z"), hour: sunday10 })
  })
})

describe("heat map", () => {
  it("lays the week out Monday first, 24 hours a row", () => {
    const days = heatMapDays(store())
    expect(days.map((d) => d.label)).toEqual(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"])
    expect(days.every((d) => d.hours.length === 24)).toBe(true)
    expect(days[3]).toMatchObject({ weekday: 4, label: "Thursday" })
    expect(days[3].hours[18]).toBe(80)
    expect(days[0].hours[8]).toBe(20)
    expect(() => heatMapDays([1])).toThrow(RangeError)
  })
})
