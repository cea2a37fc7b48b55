import { defaultValue, formatDate, formatMoney, productUrl, renderTemplate, safeUrl, SAMPLE_CONTEXT } from ".."

// Intl output can use narrow/no-break spaces: compare with ordinary spaces
const norm = (value: string) => value.replace(/[\u00a0\u202f]/g, " ")

describe("money", () => {
  it("formats major units in the currency and locale", () => {
    expect(norm(formatMoney(1234.5, "eur", "de-DE"))).toBe("1.234,50 €")
    expect(norm(formatMoney(1234.5, "EUR", "fr-FR"))).toBe("1 234,50 €")
    expect(formatMoney(1234.5, "usd", "en-US")).toBe("$1,234.50")
    expect(formatMoney(19.99, "usd")).toBe("$19.99")
    expect(formatMoney(1500, "jpy", "ja-JP")).toBe("￥1,500")
    expect(formatMoney(1500, "JPY", "en-US")).toBe("¥1,500")
    expect(formatMoney("42", "usd", "en-US")).toBe("$42.00")
  })
  it("is forgiving with bad input", () => {
    expect(formatMoney(undefined, "usd")).toBe("")
    expect(formatMoney("abc", "usd")).toBe("")
    expect(formatMoney(5, "not a currency", "en-US")).toBe("5.00")
    expect(formatMoney(5, "usd", "xx-invalid-locale-!!")).toBe("$5.00")
    expect(formatMoney({ numeric: 7 }, "usd", "en-US")).toBe("$7.00")
  })
  it("uses the contact's locale and the store's currency in templates", async () => {
    const out = await renderTemplate(
      { subject: "{{money order.total order.currency_code}} / {{money 10}} / {{money 10 \"usd\" locale=\"en-US\"}}", html: "<p>x</p>" },
      { ...SAMPLE_CONTEXT, contact: { ...SAMPLE_CONTEXT.contact, locale: "de-DE" } }
    )
    expect(norm(out.subject)).toBe("189,00 € / 10,00 € / $10.00")
  })
})

describe("date", () => {
  const late = "2025-03-14T23:30:00.000Z"
  it("formats in the given time zone, UTC when missing or unknown", () => {
    expect(formatDate(late, "long", "UTC", "en-US")).toBe("March 14, 2025")
    expect(formatDate(late, "long", "Europe/Paris", "en-US")).toBe("March 15, 2025")
    expect(formatDate(late, "long", "America/New_York", "en-US")).toBe("March 14, 2025")
    expect(formatDate(late, "iso", "Asia/Tokyo")).toBe("2025-03-15")
    expect(formatDate(late, "long", undefined, "en-US")).toBe("March 14, 2025")
    expect(formatDate(late, "long", "Mars/Olympus", "en-US")).toBe("March 14, 2025")
    expect(formatDate(late, "time", "Europe/Paris", "en-GB")).toBe("00:30")
    expect(formatDate(late, "long", "Europe/Paris", "fr-FR")).toBe("15 mars 2025")
  })
  it("renders nothing for a missing or invalid date", () => {
    expect(formatDate(undefined, "long")).toBe("")
    expect(formatDate("not a date", "long")).toBe("")
  })
  it("uses contact.timezone in templates, and tz= overrides it", async () => {
    const template = { subject: '{{date order.created_at "long"}} | {{date order.created_at "long" tz="UTC"}}', html: "<p>x</p>" }
    const paris = await renderTemplate(template, { ...SAMPLE_CONTEXT, contact: { timezone: "Europe/Paris", locale: "en-US" } })
    expect(paris.subject).toBe("March 15, 2025 | March 14, 2025")
    const none = await renderTemplate(template, { ...SAMPLE_CONTEXT, contact: { locale: "en-US" } })
    expect(none.subject).toBe("March 14, 2025 | March 14, 2025")
  })
})

describe("default, product_url, safe_url", () => {
  it("default replaces missing and blank values only", () => {
    expect(defaultValue(undefined, "there")).toBe("there")
    expect(defaultValue(null, "there")).toBe("there")
    expect(defaultValue("  ", "there")).toBe("there")
    expect(defaultValue("Ada", "there")).toBe("Ada")
    expect(defaultValue(0, 5)).toBe(0)
  })
  it("product_url joins the store URL and the handle", () => {
    expect(productUrl({ handle: "trail cap" }, "https://shop.example.com/")).toBe("https://shop.example.com/products/trail%20cap")
    expect(productUrl({ url: "https://x.test/p" }, "https://shop.example.com")).toBe("https://x.test/p")
    expect(productUrl(null, "https://shop.example.com")).toBe("https://shop.example.com")
  })
  it("safe_url neutralises script URLs", () => {
    expect(safeUrl("javascript:alert(1)")).toBe("#")
    expect(safeUrl(" jav\tascript:alert(1)")).toBe("#")
    expect(safeUrl("data:text/html,x")).toBe("#")
    expect(safeUrl("https://a.test/x")).toBe("https://a.test/x")
    expect(safeUrl("mailto:a@b.test")).toBe("mailto:a@b.test")
    expect(safeUrl("/relative")).toBe("/relative")
  })
  it("work in templates", async () => {
    const out = await renderTemplate(
      {
        subject: '{{default contact.first_name "there"}}, {{#each products}}{{product_url this}} {{/each}}{{#if (eq contact.city "Paris")}}P{{else}}N{{/if}}',
        html: '<a href="{{safe_url data.link}}">x</a>',
      },
      { ...SAMPLE_CONTEXT, contact: {}, products: [{ id: "p", title: "T", handle: "t", url: "" }], data: { link: "javascript:alert(1)" } }
    )
    expect(out.subject).toBe("there, https://shop.example.com/products/t N")
    expect(out.html).toContain('<a href="#">x</a>')
  })
})
