/**
 * The pure decisions of the tracker's signup forms: page patterns, targeting, triggers, frequency,
 * variant choice and consent. The renderer itself runs in the browser specs.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { forms } = require("../marketing-tracker.js")

const DAY = 86_400_000
const NOW = Date.UTC(2026, 11, 7, 12)
const popup = (over: Record<string, any> = {}) => ({
  id: "mform_1",
  kind: "popup",
  targeting: { include_pages: [], exclude_pages: [], visitors: "all", devices: [], countries: [], segments: false },
  triggers: { delay_seconds: 5, scroll_percent: null, exit_intent: false, page_count: null },
  frequency: { days_after_close: 7 },
  ...over,
})
const ctx = (over: Record<string, any> = {}) => ({ path: "/", device: "desktop", returning: false, pages: 1, now: NOW, entry: undefined, ...over })

describe("page patterns", () => {
  it.each([
    ["/products/*", "/products/shirt", true],
    ["/products/*", "/products/shirt/blue", true],
    ["/products/*", "/product", false],
    ["/checkout", "/checkout/", true],
    ["/checkout", "/checkout/payment", false],
    ["/checkout*", "/checkout/payment", true],
    ["/", "/", true],
    ["/", "/about", false],
    ["*", "/anything/at/all", true],
    ["/a.b", "/axb", false],
    ["/sale", "/sale?utm_source=x", true],
  ])("%s against %s: %s", (pattern, path, expected) => {
    expect(forms.matchPath(pattern, path)).toBe(expected)
  })

  it("excluded pages win over included ones; no included page means all", () => {
    expect(forms.pageAllowed({ include_pages: [], exclude_pages: [] }, "/x")).toBe(true)
    expect(forms.pageAllowed({ include_pages: ["/blog/*"], exclude_pages: [] }, "/shop")).toBe(false)
    expect(forms.pageAllowed({ include_pages: ["/blog/*"], exclude_pages: ["/blog/private"] }, "/blog/private")).toBe(false)
    expect(forms.pageAllowed({ include_pages: [], exclude_pages: ["/checkout*"] }, "/checkout/pay")).toBe(false)
  })
})

describe("eligibility", () => {
  it("shows a plain pop-up", () => {
    expect(forms.blockedBy(popup(), ctx())).toBeNull()
  })

  it("never again after a submission, and not within the days after a close", () => {
    expect(forms.blockedBy(popup(), ctx({ entry: { submitted: true } }))).toBe("submitted")
    expect(forms.blockedBy(popup(), ctx({ entry: { closed_at: NOW - 6 * DAY } }))).toBe("closed")
    expect(forms.blockedBy(popup(), ctx({ entry: { closed_at: NOW - 8 * DAY } }))).toBeNull()
    expect(forms.blockedBy(popup({ frequency: { days_after_close: 0 } }), ctx({ entry: { closed_at: NOW - 1 } }))).toBeNull()
  })

  it("checks pages, devices, new or returning visitors and page count", () => {
    const t = (over: object) => ({ ...popup().targeting, ...over })
    expect(forms.blockedBy(popup({ targeting: t({ exclude_pages: ["/cart"] }) }), ctx({ path: "/cart" }))).toBe("page")
    expect(forms.blockedBy(popup({ targeting: t({ devices: ["mobile"] }) }), ctx())).toBe("device")
    expect(forms.blockedBy(popup({ targeting: t({ devices: ["mobile", "desktop"] }) }), ctx())).toBeNull()
    expect(forms.blockedBy(popup({ targeting: t({ visitors: "new" }) }), ctx({ returning: true }))).toBe("visitors")
    expect(forms.blockedBy(popup({ targeting: t({ visitors: "returning" }) }), ctx())).toBe("visitors")
    expect(forms.blockedBy(popup({ targeting: t({ visitors: "returning" }) }), ctx({ returning: true }))).toBeNull()
    const third = popup({ triggers: { ...popup().triggers, page_count: 3 } })
    expect(forms.blockedBy(third, ctx({ pages: 2 }))).toBe("page_count")
    expect(forms.blockedBy(third, ctx({ pages: 3 }))).toBeNull()
  })

  it("an embedded form ignores page patterns, triggers and frequency, not devices", () => {
    const embedded = popup({ kind: "embedded", targeting: { ...popup().targeting, exclude_pages: ["/"], devices: ["mobile"] } })
    expect(forms.blockedBy(embedded, ctx({ device: "mobile", entry: { submitted: true } }))).toBeNull()
    expect(forms.blockedBy(embedded, ctx())).toBe("device")
  })

  it("exit intent is a desktop trigger: elsewhere the other triggers decide, alone it cannot fire", () => {
    const exitOnly = { delay_seconds: null, scroll_percent: null, exit_intent: true, page_count: null }
    expect(forms.armed(exitOnly, "desktop")).toEqual({ exit_intent: true })
    expect(forms.armed(exitOnly, "mobile")).toBeNull()
    expect(forms.blockedBy(popup({ triggers: exitOnly }), ctx({ device: "mobile" }))).toBe("exit_intent")
    expect(forms.armed({ ...exitOnly, delay_seconds: 3 }, "mobile")).toEqual({ delay_seconds: 3 })
    expect(forms.armed({ delay_seconds: 3, scroll_percent: 150, exit_intent: true }, "desktop")).toEqual({ delay_seconds: 3, scroll_percent: 100, exit_intent: true })
    expect(forms.armed({ delay_seconds: null, scroll_percent: null, exit_intent: false }, "desktop")).toEqual({})
  })

  it("countries: any when none listed; the listed ones when the country is known", () => {
    expect(forms.countryAllowed({ countries: [] }, null)).toBe(true)
    expect(forms.countryAllowed({ countries: ["de", "AT"] }, "at")).toBe(true)
    expect(forms.countryAllowed({ countries: ["de"] }, "FR")).toBe(false)
    expect(forms.countryAllowed({ countries: ["de"] }, null)).toBe(false)
  })
})

describe("devices and scrolling", () => {
  it("tells phones, tablets and desktops apart", () => {
    expect(forms.deviceOf(390, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0) Mobile/15E148", true)).toBe("mobile")
    expect(forms.deviceOf(820, "Mozilla/5.0 (iPad; CPU OS 17_0)", true)).toBe("tablet")
    expect(forms.deviceOf(800, "Mozilla/5.0 (Linux; Android 14; SM-X200)", true)).toBe("tablet")
    expect(forms.deviceOf(1440, "Mozilla/5.0 (X11; Linux x86_64) Chrome/130", false)).toBe("desktop")
    expect(forms.deviceOf(500, "Mozilla/5.0 (X11; Linux x86_64) Chrome/130", false)).toBe("mobile")
  })

  it("measures how far down the page the shopper has seen", () => {
    expect(forms.scrolledPercent(0, 800, 800)).toBe(100)
    expect(forms.scrolledPercent(0, 500, 2000)).toBe(25)
    expect(forms.scrolledPercent(1500, 500, 2000)).toBe(100)
  })
})

describe("variants", () => {
  const ab = [{ id: "a", weight: 30 }, { id: "b", weight: 70 }]

  it("picks by weight", () => {
    expect(forms.chooseVariant(ab, 0)).toBe("a")
    expect(forms.chooseVariant(ab, 0.2999)).toBe("a")
    expect(forms.chooseVariant(ab, 0.3)).toBe("b")
    expect(forms.chooseVariant(ab, 0.9999)).toBe("b")
    expect(forms.chooseVariant([{ id: "a", weight: 100 }], 0.5)).toBe("a")
    expect(forms.chooseVariant([{ id: "a", weight: 0 }, { id: "b", weight: 0 }], 0.5)).toBe("a")
    expect(forms.chooseVariant([], 0.5)).toBeNull()
  })

  it("splits a thousand visitors near the weights", () => {
    let b = 0
    for (let i = 0; i < 1000; i++) if (forms.chooseVariant(ab, (i + 0.5) / 1000) === "b") b++
    expect(b).toBe(700)
  })
})

describe("visits and consent", () => {
  it("counts pages within a session and sessions across visits", () => {
    const first = forms.visit(undefined, NOW)
    expect(first).toEqual({ sessions: 1, pages: 1, last: NOW })
    const second = forms.visit(first, NOW + 60_000)
    expect(second).toEqual({ sessions: 1, pages: 2, last: NOW + 60_000 })
    const later = forms.visit(second, NOW + 2 * DAY)
    expect(later).toEqual({ sessions: 2, pages: 1, last: NOW + 2 * DAY })
  })

  it("consent: topics ticked, the one checkbox, or none shown", () => {
    const topics = { required: true, text: "Send me", topics: [{ id: "news", label: "News" }, { id: "offers", label: "Offers" }] }
    expect(forms.consentOf(topics, ["offers"])).toEqual({ given: true, topics: ["offers"] })
    expect(forms.consentOf(topics, [])).toEqual({ given: false, topics: [] })
    expect(forms.consentOf({ required: true, text: "I agree", topics: [] }, ["_"])).toEqual({ given: true, topics: [] })
    expect(forms.consentOf({ required: true, text: "I agree", topics: [] }, [])).toEqual({ given: false, topics: [] })
    expect(forms.consentOf({ required: false, text: "", topics: [] }, [])).toEqual({ given: true, topics: [] })
  })
})

describe("errors of a 400", () => {
  it("one message per field, without the path, capitalised", () => {
    expect(forms.errorsOf("values.email", "Invalid request: values.email: must be a valid email address; consent.given: consent is required")).toEqual({
      "values.email": "Must be a valid email address",
      "consent.given": "Consent is required",
    })
    expect(forms.errorsOf("values.custom.plan", "Invalid request: values.custom.plan: must be at most 1000 characters")).toEqual({
      "values.custom.plan": "Must be at most 1000 characters",
    })
  })

  it("a message without paths goes to the field named, or to the form", () => {
    expect(forms.errorsOf("consent.given", "consent is required by this form")).toEqual({ "consent.given": "Consent is required by this form" })
    expect(forms.errorsOf(undefined, "Form with id \"x\" was not found")).toEqual({ _: 'Form with id "x" was not found' })
    expect(forms.errorsOf(undefined, undefined)).toEqual({ _: "Something went wrong. Please try again." })
  })
})
