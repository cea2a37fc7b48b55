import { classifyClick, classifyOpen } from "../engagement"

const sentAt = new Date("2026-05-01T10:00:00Z")
const after = (s: number) => new Date(sentAt.getTime() + s * 1000)
const browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko)"

describe("machine opens and clicks", () => {
  it("counts a person reading later", () => {
    expect(classifyOpen({ userAgent: browser, sentAt, at: after(300) })).toEqual({ machine: false, reason: null })
    expect(classifyClick({ userAgent: browser, sentAt, at: after(60) })).toEqual({ machine: false, reason: null })
  })
  it("flags image proxies and prefetches", () => {
    expect(classifyOpen({ userAgent: "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)", sentAt, at: after(600) }).reason).toBe("Gmail image proxy")
    expect(classifyOpen({ userAgent: "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html", sentAt, at: after(600) }).machine).toBe(true)
    expect(classifyOpen({ userAgent: browser, sentAt, at: after(1) }).reason).toBe("opened 1.0 s after sending")
    expect(classifyOpen({ userAgent: "", sentAt, at: after(600) }).reason).toBe("no user agent")
  })
  it("flags link scanners and instant clicks", () => {
    expect(classifyClick({ userAgent: "Mozilla/5.0 Barracuda Sentinel", sentAt, at: after(3600) }).reason).toBe("Barracuda scanner")
    expect(classifyClick({ userAgent: "python-requests/2.31", sentAt, at: after(3600) }).reason).toBe("HTTP library")
    expect(classifyClick({ userAgent: browser, sentAt, at: after(2) }).machine).toBe(true)
  })
  it("without a send time, only the agent decides", () => {
    expect(classifyOpen({ userAgent: browser, sentAt: null, at: after(0) }).machine).toBe(false)
  })
})
