import {
  checkHeader, checkRow, combineRows, detectDelimiter, planColumns, planContact, suggestMapping,
  type ColumnPlan, type ExistingContact, type ImportMapping,
} from ".."

const NOW = new Date("2026-06-01T12:00:00Z")
const HEADER = ["Email Address", "First Name", "Country", "Birthday", "Opt-in", "Opt-in date", "Tags", "Plan"]
const MAPPING: ImportMapping = {
  columns: {
    email: "Email Address", first_name: "First Name", country_code: "Country", birth_date: "Birthday",
    email_consent: "Opt-in", email_consent_date: "Opt-in date", tags: "Tags",
  },
  custom_fields: { Plan: "plan" },
  consent_source: "Mailchimp signup form",
  tag_separator: ";",
}
const plan = (): ColumnPlan => {
  const planned = planColumns(MAPPING, HEADER)
  if ("problem" in planned) throw new Error(planned.problem.message)
  return planned.plan
}
const existing = (over: Partial<ExistingContact> = {}): ExistingContact => ({
  id: "mcon_1", customer_id: null, email_marketing_consent: "unknown", email_marketing_consent_at: null, tags: null, metadata: null, ...over,
})

describe("planColumns", () => {
  it("requires the email column and names the mapping path", () => {
    expect(planColumns({ columns: { first_name: "First Name" } }, HEADER)).toEqual({
      problem: expect.objectContaining({ field: "mapping.columns.email" }),
    })
  })
  it("refuses a column the file lacks, listing the file's columns", () => {
    const out = planColumns({ columns: { email: "E-mail" } }, HEADER)
    expect(out).toEqual({ problem: expect.objectContaining({ field: "mapping.columns.email" }) })
    expect((out as any).problem.message).toContain('"Email Address"')
  })
  it("asks for the consent's source and date when consent is mapped", () => {
    expect(planColumns({ columns: { email: "Email Address", email_consent: "Opt-in" }, consent_date: "2024-01-01" }, HEADER)).toEqual({
      problem: expect.objectContaining({ field: "mapping.consent_source" }),
    })
    expect(planColumns({ columns: { email: "Email Address", email_consent: "Opt-in" }, consent_source: "form" }, HEADER)).toEqual({
      problem: expect.objectContaining({ field: "mapping.consent_date" }),
    })
  })
  it("refuses a header with a name twice", () => {
    expect(checkHeader(["email", "name", "email"])?.message).toContain("column 3")
  })
})

describe("checkRow", () => {
  const row = (cells: Partial<Record<string, string>>) => HEADER.map((h) => cells[h] ?? "")

  it("normalises a good row", () => {
    const out = checkRow(
      row({ "Email Address": " Ann@Example.COM ", "First Name": "Ann", Country: "FR", Birthday: "1990-02-28", "Opt-in": "yes", "Opt-in date": "2024-03-01", Tags: "vip; newsletter;vip", Plan: "gold" }),
      plan(), MAPPING, NOW
    )
    expect(out).toEqual({
      ok: true,
      email: "ann@example.com",
      data: {
        values: { first_name: "Ann", country_code: "fr", birth_date: "1990-02-28T00:00:00.000Z" },
        tags: ["vip", "newsletter"],
        custom: { plan: "gold" },
        consent: { status: "granted", source: "Mailchimp signup form", at: "2024-03-01T00:00:00.000Z" },
      },
    })
  })

  it("reports every bad cell by its column", () => {
    const out = checkRow(row({ "Email Address": "not-an-email", Birthday: "1990-02-30", "Opt-in": "maybe", Country: "France" }), plan(), MAPPING, NOW)
    expect(out.ok).toBe(false)
    expect((out as any).errors).toEqual([
      { column: "Email Address", message: "not an email address" },
      { column: "Country", message: expect.stringContaining("2-letter") },
      { column: "Birthday", message: expect.stringContaining("YYYY-MM-DD") },
      { column: "Opt-in", message: expect.stringContaining("not a consent") },
      { column: "Opt-in date", message: "no consent date" },
    ])
  })

  it("rejects a missing email and a consent date in the future", () => {
    expect(checkRow(row({}), plan(), MAPPING, NOW)).toEqual({ ok: false, email: null, errors: [{ column: "Email Address", message: "no email address" }] })
    const out = checkRow(row({ "Email Address": "a@b.co", "Opt-in": "granted", "Opt-in date": "2030-01-01" }), plan(), MAPPING, NOW)
    expect((out as any).errors).toEqual([{ column: "Opt-in date", message: "a consent date in the future" }])
  })
})

describe("combineRows", () => {
  it("lets later non-empty cells win, adds tags up and keeps the latest consent", () => {
    const out = combineRows([
      { values: { first_name: "Ann", city: "Lyon" }, tags: ["a"], consent: { status: "granted", source: "x", at: "2024-05-01T00:00:00.000Z" } },
      { values: { first_name: "Anne" }, tags: ["b"], consent: { status: "denied", source: "y", at: "2023-01-01T00:00:00.000Z" } },
    ])
    expect(out).toEqual({
      values: { first_name: "Anne", city: "Lyon" },
      tags: ["a", "b"],
      consent: { status: "granted", source: "x", at: "2024-05-01T00:00:00.000Z" },
    })
  })
})

describe("planContact", () => {
  const grant = { status: "granted" as const, source: "form", at: "2024-05-01T00:00:00.000Z" }

  it("changes nothing when the contact already holds the file's values (a re-run)", () => {
    const contact = existing({
      first_name: "Ann", birth_date: new Date("1990-02-28T00:00:00Z"), tags: ["vip"], metadata: { plan: "gold" },
      email_marketing_consent: "granted", email_marketing_consent_at: new Date(grant.at),
    })
    const plan = planContact(contact, { values: { first_name: "Ann", birth_date: "1990-02-28T00:00:00.000Z" }, tags: ["vip"], custom: { plan: "gold" }, consent: grant }, false)
    expect(plan).toEqual({ patch: {}, tags: null, metadata: null, consent: null, consent_refused: false })
  })

  it("never grants consent to a suppressed address nor to a contact that withdrew it", () => {
    expect(planContact(null, { values: {}, consent: grant }, true)).toMatchObject({ consent: null, consent_refused: true })
    const withdrew = existing({ email_marketing_consent: "denied", email_marketing_consent_at: new Date("2020-01-01T00:00:00Z") })
    expect(planContact(withdrew, { values: {}, consent: grant }, false)).toMatchObject({ consent: null, consent_refused: true })
  })

  it("records a withdrawal only when it is newer than the contact's last word", () => {
    const granted = existing({ email_marketing_consent: "granted", email_marketing_consent_at: new Date("2025-01-01T00:00:00Z") })
    const older = { status: "denied" as const, source: "crm", at: "2024-01-01T00:00:00.000Z" }
    const newer = { ...older, at: "2025-06-01T00:00:00.000Z" }
    expect(planContact(granted, { values: {}, consent: older }, false).consent).toBeNull()
    expect(planContact(granted, { values: {}, consent: newer }, false).consent).toEqual(newer)
  })

  it("adds tags and custom fields to what the contact has", () => {
    const plan = planContact(existing({ tags: ["a"], metadata: { source: "shop" } }), { values: {}, tags: ["b", "a"], custom: { plan: "gold" } }, false)
    expect(plan.tags).toEqual(["a", "b"])
    expect(plan.metadata).toEqual({ source: "shop", plan: "gold" })
  })
})

describe("file helpers", () => {
  it("picks the header's delimiter outside quotes", () => {
    expect(detectDelimiter("email;first name;\"a,b\"")).toBe(";")
    expect(detectDelimiter("email,first name")).toBe(",")
    expect(detectDelimiter("email\tname")).toBe("\t")
  })
  it("guesses a Mailchimp export's mapping", () => {
    expect(suggestMapping(["Email Address", "First Name", "Last Name", "OPTIN_TIME", "TAGS"])).toEqual({
      email: "Email Address", first_name: "First Name", last_name: "Last Name", email_consent_date: "OPTIN_TIME", tags: "TAGS",
    })
  })
})
