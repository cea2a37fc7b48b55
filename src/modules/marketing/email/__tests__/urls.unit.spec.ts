import { verifyToken } from "../tokens"
import { addressTag, confirmationUrl, messageUrls } from "../urls"

const settings = { publicUrl: "https://api.shop.test/", secret: "a-test-secret-of-some-length" }

describe("messageUrls", () => {
  it("signs each link for its own route and kind", () => {
    const urls = messageUrls(settings, { id: "mmsg_1", contact_id: "mcon_1" })
    const token = (url: string, prefix: string) => {
      expect(url.startsWith(`https://api.shop.test${prefix}`)).toBe(true)
      return url.slice(`https://api.shop.test${prefix}`.length)
    }
    expect(verifyToken("unsubscribe", token(urls.unsubscribe_url, "/marketing/unsubscribe/"), settings.secret)).toEqual({ m: "mmsg_1", c: "mcon_1" })
    expect(verifyToken("preferences", token(urls.preferences_url, "/marketing/preferences/"), settings.secret)).toEqual({ m: "mmsg_1", c: "mcon_1" })
    expect(verifyToken("open", token(urls.open_url, "/marketing/t/o/"), settings.secret)).toEqual({ m: "mmsg_1" })
    const click = token(urls.click_url("https://shop.test/p?a=1&b=2"), "/marketing/t/c/")
    expect(verifyToken("click", click, settings.secret)).toEqual({ m: "mmsg_1", u: "https://shop.test/p?a=1&b=2" })
    // A click token is not an open token.
    expect(verifyToken("open", click, settings.secret)).toBeNull()
  })

  it("makes confirmation links that expire", () => {
    const now = new Date("2026-01-01T00:00:00Z")
    const url = confirmationUrl(settings, "mcon_1", "Ada@Example.com", 72, now)
    const token = url.split("/marketing/confirm/")[1]
    expect(verifyToken("confirm", token, settings.secret, new Date("2026-01-03T00:00:00Z"))).toMatchObject({ c: "mcon_1", a: addressTag("ada@example.com", settings.secret) })
    expect(verifyToken("confirm", token, settings.secret, new Date("2026-01-05T00:00:00Z"))).toBeNull()
  })
})
