import {
  checkWebhookUrl,
  discountCode,
  discountExpiry,
  discountProblems,
  hostOf,
  isRefusedAddress,
  isRetryableStatus,
  pickOwner,
  signatureHeader,
  v6Groups,
  verifyWebhookSignature,
  webhookRetryAt,
  webhookSignature,
} from ".."

describe("isRefusedAddress", () => {
  it.each([
    "127.0.0.1", "127.8.9.10", "10.0.0.1", "172.16.0.1", "172.31.255.255", "192.168.1.1", "169.254.169.254",
    "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "192.0.2.5",
    "::1", "::", "fe80::1", "fc00::1", "fd12:3456::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:7f00:1",
    "::ffff:10.1.2.3", "64:ff9b::192.168.0.1", "2001:db8::1", "fe80::1%eth0", "not-an-ip",
  ])("refuses %s", (ip) => expect(isRefusedAddress(ip)).toBe(true))

  it.each(["8.8.8.8", "172.32.0.1", "100.128.0.1", "93.184.216.34", "2606:4700::1111", "::ffff:8.8.8.8", "2a00:1450::1"])(
    "allows %s",
    (ip) => expect(isRefusedAddress(ip)).toBe(false)
  )

  it("expands IPv6 groups", () => {
    expect(v6Groups("::ffff:1.2.3.4")).toEqual([0, 0, 0, 0, 0, 0xffff, 0x0102, 0x0304])
    expect(v6Groups("2001:db8::1")).toEqual([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1])
  })
})

describe("checkWebhookUrl", () => {
  it("accepts http(s) and finds the host", () => {
    const check = checkWebhookUrl("https://[::1]:8443/hook")
    expect(check.ok && hostOf(check.url)).toBe("::1")
  })
  it.each([
    ["ftp://example.com/x", "only http and https URLs"],
    ["https://user:pw@example.com/", "credentials in the URL are not allowed"],
    ["nope", "not a valid URL"],
  ])("refuses %s", (url, reason) => expect(checkWebhookUrl(url)).toEqual({ ok: false, reason }))
})

const HMAC_1_X = "74ccd1389baa4fa51e02cabc48741a3f4e31508b4e1aaef5f3b302aaaf2e35cf"

describe("webhook signature", () => {
  const body = JSON.stringify({ contact_id: "mcon_1" })
  it("signs `${t}.${body}` with HMAC-SHA256 and verifies", () => {
    const header = signatureHeader("s3cret", 1_700_000_000, body)
    expect(header).toMatch(/^t=1700000000,v1=[0-9a-f]{64}$/)
    // HMAC-SHA256("s3cret", "1.x"), as `printf 1.x | openssl dgst -sha256 -hmac s3cret` gives.
    expect(webhookSignature("s3cret", 1, "x")).toBe(HMAC_1_X)
    expect(verifyWebhookSignature("s3cret", header, body, 1_700_000_010)).toBe(true)
  })
  it("refuses a wrong secret, a changed body and an old timestamp", () => {
    const header = signatureHeader("s3cret", 1_700_000_000, body)
    expect(verifyWebhookSignature("other", header, body, 1_700_000_000)).toBe(false)
    expect(verifyWebhookSignature("s3cret", header, body + " ", 1_700_000_000)).toBe(false)
    expect(verifyWebhookSignature("s3cret", header, body, 1_700_000_000 + 301)).toBe(false)
    expect(verifyWebhookSignature("s3cret", undefined, body, 1_700_000_000)).toBe(false)
  })
})

describe("webhookRetryAt", () => {
  const now = new Date("2026-12-05T10:00:00Z")
  it("doubles from one minute and stops when the budget is spent", () => {
    expect(webhookRetryAt(1, now)?.toISOString()).toBe("2026-12-05T10:01:00.000Z")
    expect(webhookRetryAt(2, now)?.toISOString()).toBe("2026-12-05T10:02:00.000Z")
    expect(webhookRetryAt(4, now)?.toISOString()).toBe("2026-12-05T10:08:00.000Z")
    expect(webhookRetryAt(5, now)).toBeNull()
    expect(webhookRetryAt(2, now, 2)).toBeNull()
  })
  it("caps the delay at six hours", () => {
    expect(webhookRetryAt(15, now, 20)?.toISOString()).toBe("2026-12-05T16:00:00.000Z")
  })
  it("retries server errors, timeouts and rate limits, not other client errors", () => {
    expect([500, 503, 429, 408].map(isRetryableStatus)).toEqual([true, true, true, true])
    expect([400, 401, 404, 410].map(isRetryableStatus)).toEqual([false, false, false, false])
  })
})

describe("pickOwner", () => {
  const ids = ["u1", "u2", "u3"]
  it("fixed: always the first", () => expect(pickOwner(ids, "fixed", 4)).toBe("u1"))
  it("round robin: the turn's id, wrapping", () => {
    expect([0, 1, 2, 3, 4, 7].map((turn) => pickOwner(ids, "round_robin", turn))).toEqual(["u1", "u2", "u3", "u1", "u2", "u2"])
  })
  it("refuses an empty list", () => expect(() => pickOwner([], "fixed", 0)).toThrow("user_ids is empty"))
})

describe("discount codes", () => {
  it("is the same for one key and differs across keys and secrets", () => {
    const a = discountCode("mfen_1:welcome", "secret-one-1234567")
    expect(a).toMatch(/^MA-[2-9A-HJKMNP-Z]{12}$/)
    expect(discountCode("mfen_1:welcome", "secret-one-1234567")).toBe(a)
    expect(discountCode("mfen_2:welcome", "secret-one-1234567")).not.toBe(a)
    expect(discountCode("mfen_1:welcome", "secret-two-1234567")).not.toBe(a)
  })
  it("expires whole days later", () => {
    expect(discountExpiry(new Date("2026-12-05T10:00:00Z"), 7).toISOString()).toBe("2026-12-12T10:00:00.000Z")
  })
  it("names each bad setting", () => {
    expect(discountProblems({ kind: "percentage", value: 10, expires_in_days: 7 })).toEqual([])
    expect(discountProblems({ kind: "percentage", value: 120, expires_in_days: 0 })).toEqual([
      "value: a percentage is at most 100",
      "expires_in_days: a whole number of days, at least 1",
    ])
    expect(discountProblems({ kind: "fixed", value: 0, expires_in_days: 3, min_subtotal: -1 })).toEqual([
      "value: must be greater than 0",
      "currency_code: required for a fixed amount",
      "min_subtotal: must be 0 or more",
    ])
  })
})
