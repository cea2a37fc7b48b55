import { canonicalTimeZone, capWindow, isTimeZone, zoneOffsetMs } from "../cap-window"
import { DAY_MS } from "../decay"
import {
  FLOORED_RECENCY_BAND, MIN_RFM_CUSTOMERS, RFM_GRID, RFM_GROUPS,
  band, effectiveRecencyFloorDays, quintileCuts, recencyBand, rfmGroup,
} from "../rfm"
import { stageFor, stageOfRfmGroup } from "../stages"

const T = { lead_threshold: 20, marketing_qualified_threshold: 50, sales_ready_threshold: 80, repeat_customer_orders: 2, vip_loyalty_score: 85 }
const MIN = 60_000

describe("recency floor", () => {
  it("is the configured floor until the store's order gap is known, then the longer of the two", () => {
    expect(effectiveRecencyFloorDays(30, null)).toBe(30)
    expect(effectiveRecencyFloorDays(30, undefined)).toBe(30)
    expect(effectiveRecencyFloorDays(30, 12.5)).toBe(30)
    expect(effectiveRecencyFloorDays(30, 45.25)).toBe(45.25)
  })

  it("keeps a customer who ordered within the floor at recency 3 or more, and bands the rest by quintile", () => {
    const now = Date.parse("2026-12-05T12:00:00Z")
    const lastOrders = [400, 200, 100, 50, 10].map((days) => now - days * DAY_MS)
    const cuts = quintileCuts(lastOrders.map((ms) => ms / 1000))
    // Plain quintiles: 1..5 from the oldest
    expect(lastOrders.map((ms) => band(ms / 1000, cuts))).toEqual([1, 2, 3, 4, 5])
    // A 60-day floor changes nothing here: the 50-day customer is already 4, the 100-day one is past it
    expect(lastOrders.map((ms) => recencyBand(ms, cuts, now, 60))).toEqual([1, 2, 3, 4, 5])
    // A 250-day floor lifts the 200-day customer to 3, and leaves the 400-day one at 1
    expect(lastOrders.map((ms) => recencyBand(ms, cuts, now, 250))).toEqual([1, FLOORED_RECENCY_BAND, 3, 4, 5])
    // Exactly at the floor the customer is no longer protected
    expect(recencyBand(now - 200 * DAY_MS, cuts, now, 200)).toBe(2)
  })

  it("never puts five customers who ordered minutes apart in At risk, Hibernating or Lost", () => {
    const now = Date.parse("2026-12-05T12:00:00Z")
    const lastOrders = Array.from({ length: MIN_RFM_CUSTOMERS }, (_, i) => now - (MIN_RFM_CUSTOMERS - i) * MIN)
    const recency = quintileCuts(lastOrders.map((ms) => ms / 1000))
    const spent = [20, 40, 60, 80, 100]
    const monetary = quintileCuts(spent)
    const frequency = quintileCuts([1, 1, 1, 1, 1])
    const groups = lastOrders.map((ms, i) => rfmGroup(recencyBand(ms, recency, now, 30), band(1, frequency), band(spent[i], monetary)))
    // Without the floor the first buyer is R=1 and Lost
    expect(rfmGroup(band(lastOrders[0] / 1000, recency), 1, 1)).toBe("Lost")
    for (const group of groups) expect(stageOfRfmGroup(group)).toBeNull()
    expect(groups).not.toContain("Lost")
  })
})

describe("R x FM grid, groups and stages", () => {
  it("gives every band from recency 3 up a group that forces no at-risk or lost stage", () => {
    for (const r of [3, 4, 5]) for (const group of RFM_GRID[r]) expect(stageOfRfmGroup(group)).toBeNull()
    expect(new Set(Object.values(RFM_GRID).flat())).toEqual(new Set(RFM_GROUPS))
  })
  it("maps groups to stages, whatever the loyalty score", () => {
    const customer = (rfm_group: string | null) =>
      stageFor({ current: "customer", acquisition_score: 0, order_count: 3, loyalty_score: 95, rfm_group }, T)
    expect(customer("Lost")).toBe("lost")
    expect(customer("Hibernating")).toBe("lost")
    expect(customer("At risk")).toBe("at_risk")
    expect(customer("Can't lose them")).toBe("at_risk")
    expect(customer("Champions")).toBe("vip")
    expect(customer(null)).toBe("vip")
    expect(stageFor({ current: "customer", acquisition_score: 0, order_count: 3, loyalty_score: 10, rfm_group: "Loyal" }, T)).toBe("repeat_customer")
  })
})

describe("cap windows in the store's time zone", () => {
  it("knows IANA zones and refuses the rest", () => {
    expect(isTimeZone("Asia/Tokyo")).toBe(true)
    expect(isTimeZone("UTC")).toBe(true)
    expect(isTimeZone("Mars/Olympus_Mons")).toBe(false)
    expect(isTimeZone("")).toBe(false)
    expect(isTimeZone(9)).toBe(false)
    expect(canonicalTimeZone("asia/tokyo")).toBe("Asia/Tokyo")
    expect(canonicalTimeZone("JST")).toBe("Asia/Tokyo")
  })

  it("resets a Tokyo daily cap at local midnight (15:00 UTC), not at 9 in the morning", () => {
    const before = capWindow("day", "2026-12-04T14:59:59.999Z", "Asia/Tokyo")
    const after = capWindow("day", "2026-12-04T15:00:00.000Z", "Asia/Tokyo")
    expect(before).toEqual({ start: "2026-12-03T15:00:00.000Z", end: "2026-12-04T15:00:00.000Z" })
    expect(after).toEqual({ start: "2026-12-04T15:00:00.000Z", end: "2026-12-05T15:00:00.000Z" })
    // 09:00 in Tokyo, the old UTC midnight, is inside one window
    expect(capWindow("day", "2026-12-04T23:59:00Z", "Asia/Tokyo")).toEqual(capWindow("day", "2026-12-05T00:01:00Z", "Asia/Tokyo"))
    // In UTC it still resets at UTC midnight
    expect(capWindow("day", "2026-12-04T23:59:00Z")).toEqual({ start: "2026-12-04T00:00:00.000Z", end: "2026-12-05T00:00:00.000Z" })
  })

  it("resets a Tokyo weekly cap at Monday's local midnight", () => {
    // Sunday 6 Dec 2026, 23:30 in Tokyo, then Monday 7 Dec, 00:30 in Tokyo
    expect(capWindow("week", "2026-12-06T14:30:00Z", "Asia/Tokyo")).toEqual({ start: "2026-11-29T15:00:00.000Z", end: "2026-12-06T15:00:00.000Z" })
    expect(capWindow("week", "2026-12-06T15:30:00Z", "Asia/Tokyo")).toEqual({ start: "2026-12-06T15:00:00.000Z", end: "2026-12-13T15:00:00.000Z" })
    expect(capWindow("ever", "2026-12-06T15:30:00Z", "Asia/Tokyo")).toBeNull()
  })

  it("resets a monthly cap at local midnight on the 1st", () => {
    // 1 January 2027 starts at 15:00 UTC on 31 December in Tokyo
    expect(capWindow("month", "2026-12-31T14:59:00Z", "Asia/Tokyo")).toEqual({ start: "2026-11-30T15:00:00.000Z", end: "2026-12-31T15:00:00.000Z" })
    expect(capWindow("month", "2026-12-31T15:01:00Z", "Asia/Tokyo")).toEqual({ start: "2026-12-31T15:00:00.000Z", end: "2027-01-31T15:00:00.000Z" })
    // October 2026 in Berlin: from CEST to CET, 31 days and an hour
    expect(capWindow("month", "2026-10-15T12:00:00Z", "Europe/Berlin")).toEqual({ start: "2026-09-30T22:00:00.000Z", end: "2026-10-31T23:00:00.000Z" })
  })

  it("reads the zone's offset per minute: the minutes around a change of offset each get their own", () => {
    // 29 March 2026, 01:00 UTC: Berlin goes from +1 to +2; ask in the same order twice (the second time from memory)
    for (let round = 0; round < 2; round++) {
      expect(zoneOffsetMs(Date.parse("2026-03-29T00:59:59.999Z"), "Europe/Berlin")).toBe(3600_000)
      expect(zoneOffsetMs(Date.parse("2026-03-29T01:00:00.000Z"), "Europe/Berlin")).toBe(7200_000)
      expect(zoneOffsetMs(Date.parse("2026-03-29T01:00:59.000Z"), "Europe/Berlin")).toBe(7200_000)
    }
  })

  it("follows Berlin's clock across the changes to and from summer time", () => {
    expect(zoneOffsetMs(Date.parse("2026-01-10T12:00:00Z"), "Europe/Berlin")).toBe(3600_000)
    expect(zoneOffsetMs(Date.parse("2026-07-10T12:00:00Z"), "Europe/Berlin")).toBe(7200_000)
    // 29 March 2026: clocks go from 02:00 to 03:00, the day lasts 23 hours
    const spring = capWindow("day", "2026-03-29T12:00:00Z", "Europe/Berlin")!
    expect(spring).toEqual({ start: "2026-03-28T23:00:00.000Z", end: "2026-03-29T22:00:00.000Z" })
    // 25 October 2026: from 03:00 back to 02:00, the day lasts 25 hours
    const autumn = capWindow("day", "2026-10-25T12:00:00Z", "Europe/Berlin")!
    expect(autumn).toEqual({ start: "2026-10-24T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z" })
    expect(Date.parse(autumn.end) - Date.parse(autumn.start)).toBe(25 * 3600_000)
    // Just before and after local midnight on the night after the change
    expect(capWindow("day", "2026-10-25T22:59:59Z", "Europe/Berlin")).toEqual(autumn)
    expect(capWindow("day", "2026-10-25T23:00:00Z", "Europe/Berlin")!.start).toBe("2026-10-25T23:00:00.000Z")
    // The week of the change: Monday 19 October 00:00 CEST to Monday 26 October 00:00 CET
    expect(capWindow("week", "2026-10-25T12:00:00Z", "Europe/Berlin")).toEqual({ start: "2026-10-18T22:00:00.000Z", end: "2026-10-25T23:00:00.000Z" })
  })
})
