import { CHANNELS, classifyChannel, hasTouch, hostOf, Touch } from "../channels"

const store = "shop.example.com"
const c = (touch: Touch, mappings = []) => classifyChannel({ store_host: store, ...touch }, mappings)

describe("classifyChannel", () => {
  it("no input is direct", () => {
    expect(classifyChannel({})).toBe("direct")
    expect(c({ referrer: "", landing_page: "https://shop.example.com/" })).toBe("direct")
  })

  it.each([
    "https://www.google.com/",
    "https://www.google.co.uk/search?q=shoes",
    "https://google.de",
    "https://www.bing.com/search?q=x",
    "https://duckduckgo.com/",
    "https://search.yahoo.com/search?p=x",
    "https://www.ecosia.org/",
    "https://www.baidu.com/",
    "https://yandex.ru/search",
    "https://ya.ru/",
    "https://search.brave.com/search?q=x",
  ])("a search engine referrer %s is organic_search", (referrer) => {
    expect(c({ referrer })).toBe("organic_search")
  })

  it.each([
    "https://www.facebook.com/",
    "https://l.facebook.com/l.php?u=x",
    "https://m.facebook.com/",
    "https://lm.facebook.com/",
    "https://www.instagram.com/",
    "https://l.instagram.com/",
    "https://t.co/abc",
    "https://twitter.com/someone",
    "https://x.com/someone",
    "https://www.linkedin.com/feed",
    "https://lnkd.in/abc",
    "https://www.pinterest.de/pin/1",
    "https://www.tiktok.com/@shop",
    "https://old.reddit.com/r/x",
    "https://www.youtube.com/watch?v=1",
    "https://youtu.be/1",
  ])("a social network referrer %s is social", (referrer) => {
    expect(c({ referrer })).toBe("social")
  })

  it("webmail referrers are email, other sites referral", () => {
    expect(c({ referrer: "https://mail.google.com/mail/u/0" })).toBe("email")
    expect(c({ referrer: "https://outlook.live.com/mail" })).toBe("email")
    expect(c({ referrer: "https://blog.somebody.net/post" })).toBe("referral")
    expect(c({ referrer: "https://xample.com/" })).toBe("referral")
  })

  it("self-referrals (the store's host, its subdomains and parent domain) are direct", () => {
    expect(c({ referrer: "https://shop.example.com/cart" })).toBe("direct")
    expect(c({ referrer: "https://checkout.shop.example.com/" })).toBe("direct")
    expect(c({ referrer: "https://example.com/" })).toBe("direct")
    expect(c({ referrer: "https://www.shop.example.com/" })).toBe("direct")
    expect(hasTouch({ referrer: "https://shop.example.com/", store_host: store })).toBe(false)
    expect(c({ referrer: "https://notexample.com/" })).toBe("referral")
  })

  it("UTM mediums: paid → paid_search or paid_social by source", () => {
    expect(c({ utm_source: "google", utm_medium: "cpc" })).toBe("paid_search")
    expect(c({ utm_source: "bing", utm_medium: "ppc" })).toBe("paid_search")
    expect(c({ utm_source: "google", utm_medium: "paid" })).toBe("paid_search")
    expect(c({ utm_source: "facebook", utm_medium: "cpc" })).toBe("paid_social")
    expect(c({ utm_source: "instagram", utm_medium: "paid" })).toBe("paid_social")
    expect(c({ utm_source: "tiktok", utm_medium: "cpm" })).toBe("paid_social")
    expect(c({ utm_source: "newsite", utm_medium: "paid_social" })).toBe("paid_social")
    expect(c({ utm_source: "whatever", utm_medium: "Paid Search" })).toBe("paid_search")
  })

  it("UTM mediums: email, newsletter, affiliate, social, organic, referral", () => {
    expect(c({ utm_source: "spring", utm_medium: "email" })).toBe("email")
    expect(c({ utm_source: "weekly", utm_medium: "newsletter" })).toBe("email")
    expect(c({ utm_source: "awin", utm_medium: "affiliate" })).toBe("affiliate")
    expect(c({ utm_source: "facebook", utm_medium: "social" })).toBe("social")
    expect(c({ utm_source: "google", utm_medium: "organic" })).toBe("organic_search")
    expect(c({ utm_source: "partner.com", utm_medium: "referral" })).toBe("referral")
    expect(c({ utm_source: "foo", utm_medium: "weird-thing" })).toBe("other")
  })

  it("UTM source alone: search, social, email, a site is referral, else other", () => {
    expect(c({ utm_source: "google" })).toBe("organic_search")
    expect(c({ utm_source: "facebook" })).toBe("social")
    expect(c({ utm_source: "newsletter" })).toBe("email")
    expect(c({ utm_source: "blog.partner.com" })).toBe("referral")
    expect(c({ utm_source: "flyer" })).toBe("other")
  })

  it("UTM overrides the referrer", () => {
    expect(c({ utm_source: "google", utm_medium: "cpc", referrer: "https://www.google.com/" })).toBe("paid_search")
    expect(c({ utm_source: "newsletter", utm_medium: "email", referrer: "https://www.facebook.com/" })).toBe("email")
    expect(c({ utm_source: "facebook", utm_medium: "paid", referrer: "https://l.facebook.com/" })).toBe("paid_social")
  })

  it("click ids on the landing page", () => {
    expect(c({ landing_page: "https://shop.example.com/?gclid=abc" })).toBe("paid_search")
    expect(c({ landing_page: "https://shop.example.com/p?msclkid=abc", referrer: "https://www.bing.com/" })).toBe("paid_search")
    expect(c({ landing_page: "https://shop.example.com/?ttclid=1" })).toBe("paid_social")
    expect(c({ landing_page: "https://shop.example.com/?fbclid=1", referrer: "https://l.facebook.com/" })).toBe("social")
    expect(hasTouch({ landing_page: "https://shop.example.com/?gclid=abc", store_host: store })).toBe(true)
    // UTM medium still wins over a click id
    expect(c({ landing_page: "https://shop.example.com/?gclid=abc", utm_medium: "email" })).toBe("email")
  })

  it("owner mappings come first", () => {
    const mappings: any = [
      { field: "utm_source", value: "Spring-Promo", channel: "paid_social" },
      { field: "referrer_domain", value: "partner.io", channel: "affiliate" },
      { field: "utm_campaign", value: "influencers", channel: "social" },
      { field: "utm_medium", value: "cpc", channel: "nonsense" },
    ]
    expect(c({ utm_source: "spring-promo", utm_medium: "email" }, mappings)).toBe("paid_social")
    expect(c({ referrer: "https://shop.partner.io/x" }, mappings)).toBe("affiliate")
    expect(c({ referrer: "https://notpartner.io/x" }, mappings)).toBe("referral")
    expect(c({ utm_source: "ig", utm_campaign: "Influencers" }, mappings)).toBe("social")
    // a mapping to an unknown channel is ignored
    expect(c({ utm_source: "google", utm_medium: "cpc" }, mappings)).toBe("paid_search")
  })

  it("always answers a known channel; hosts are normalized", () => {
    expect(CHANNELS).toContain(c({ utm_source: "??", referrer: "not a url" }))
    expect(hostOf("HTTPS://WWW.Google.COM:443/x")).toBe("google.com")
    expect(hostOf("google.com")).toBe("google.com")
    expect(hostOf("")).toBeUndefined()
  })
})
