import { audienceRow, contactHashes, csvCell, normalizeAudienceEmail, normalizePhoneE164 } from ".."

// SHA-256 hex of the normalised values, computed with `printf '<value>' | sha256sum`.
const TEST_EMAIL = "973dfe463ec85785f5f95af5ba3906eedb2d931c24e69824a89ea65dba4e813b" // test@example.com
const FR_E164 = "42d573cfc315801d4cd8eddd5416b416a0bf298b9b9e12d6b07442c91db42bd8" // +33612345678
const FR_DIGITS = "8a3e7886c9335e82e02299fa3e87b46e2de3b0c63d56003e30a5029394a47661" // 33612345678

describe("audience normalisation", () => {
  it("trims and lower-cases emails", () => {
    expect(normalizeAudienceEmail("  Test@Example.COM \n")).toBe("test@example.com")
    expect(normalizeAudienceEmail("   ")).toBeNull()
    expect(normalizeAudienceEmail(null)).toBeNull()
  })

  it("reads national numbers in the contact's country and keeps international ones", () => {
    expect(normalizePhoneE164("06 12 34 56 78", "fr")).toBe("+33612345678")
    expect(normalizePhoneE164("+33 6 12 34 56 78", null)).toBe("+33612345678")
    expect(normalizePhoneE164("0033 6 12 34 56 78", "us")).toBe("+33612345678")
    expect(normalizePhoneE164("(657) 777-0000", "US")).toBe("+16577770000")
  })

  it("drops what is not a valid number", () => {
    expect(normalizePhoneE164("06 12 34 56 78", null)).toBeNull() // national, no country to read it in
    expect(normalizePhoneE164("12", "fr")).toBeNull()
    expect(normalizePhoneE164("call me", "fr")).toBeNull()
    expect(normalizePhoneE164("06 12 34 56 78", "not-a-country")).toBeNull()
  })
})

describe("audience rows", () => {
  const contact = { email: " Test@Example.com ", phone: "06 12 34 56 78", country_code: "fr" }

  it("hashes as Google wants: E.164 with the +", () => {
    expect(audienceRow(contact, "google")).toEqual([TEST_EMAIL, FR_E164])
    expect(audienceRow(contact, "generic")).toEqual([TEST_EMAIL, FR_E164])
  })

  it("hashes as Meta wants: digits with the country code", () => {
    expect(audienceRow(contact, "meta")).toEqual([TEST_EMAIL, FR_DIGITS])
  })

  it("leaves a missing identifier empty and skips a contact with neither", () => {
    expect(audienceRow({ email: "test@example.com", phone: null, country_code: null }, "meta")).toEqual([TEST_EMAIL, ""])
    expect(audienceRow({ email: null, phone: "bad", country_code: "fr" }, "google")).toBeNull()
  })

  it("gives a webhook every hash", () => {
    expect(contactHashes(contact)).toEqual({ email_sha256: TEST_EMAIL, phone_sha256: FR_E164, phone_digits_sha256: FR_DIGITS })
    expect(contactHashes({ email: null, phone: null, country_code: null })).toEqual({ email_sha256: null, phone_sha256: null, phone_digits_sha256: null })
  })
})

describe("csv cells", () => {
  it("writes dates as ISO, arrays as JSON and null as empty", () => {
    expect(csvCell(new Date("2026-01-02T03:04:05.000Z"))).toBe("2026-01-02T03:04:05.000Z")
    expect(csvCell(["vip", "b2b"])).toBe('["vip","b2b"]')
    expect(csvCell(null)).toBe("")
    expect(csvCell(12.5)).toBe("12.5")
  })
})
