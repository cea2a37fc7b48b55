import {
  anniversaryWithinNext,
  columnField,
  compileCondition,
  ConditionTreeError,
  CONTACT_FIELDS,
  escapeLike,
  evaluateCondition,
  eventPropertyField,
  eventPropertyFields,
  getField,
  mergeCatalogs,
  Node,
  OPERATORS,
  OPERATORS_BY_TYPE,
  parseIsoDate,
  validateConditionTree,
} from ".."

const NOW = new Date("2026-06-15T12:00:00.000Z")
const DAY = 86_400_000
const ago = (days: number) => new Date(NOW.getTime() - days * DAY)

const SCORES = {
  acquisition_score: columnField("number", "acquisition_score"),
  lifecycle_stage: columnField("enum", "lifecycle_stage", ["lead", "customer"]),
  is_vip: columnField("boolean", "is_vip"),
}
const CATALOG = mergeCatalogs(
  CONTACT_FIELDS,
  SCORES,
  eventPropertyFields({
    category: "string",
    price: "number",
    gift: "boolean",
    shipped_at: "date",
    tier: { type: "enum", values: ["gold", "silver"] },
    "items.0.sku": "string",
  })
)

const contact = {
  email: "Jane.Doe@Example.com",
  first_name: "Jane",
  city: "São Paulo",
  country_code: "br",
  last_utm_campaign: "summer_sale 50%",
  device_type: "mobile",
  analytics_consent: "granted",
  email_marketing_consent: "denied",
  birth_date: new Date("1990-06-20T00:00:00.000Z"),
  first_seen_at: "2026-01-01T00:00:00.000Z",
  last_seen_at: ago(2),
  acquisition_score: "42.5", // pg returns numeric as a string
  lifecycle_stage: "lead",
  is_vip: false,
  properties: {
    category: "Shoes",
    price: 19.99,
    gift: true,
    shipped_at: "2026-06-10",
    tier: "gold",
    items: [{ sku: "SKU-1" }],
  },
}

const LENGTH = { length: eventPropertyField("length", "number") }

function check(tree: unknown, record: Record<string, unknown> = contact, catalog = CATALOG): boolean {
  const result = validateConditionTree(tree, catalog)
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return evaluateCondition(result.tree, record, catalog, NOW)
}

function errors(tree: unknown, options = {}) {
  const result = validateConditionTree(tree, CATALOG, options)
  return result.ok ? [] : result.errors
}

describe("field catalog", () => {
  it("describes every contact column with its type", () => {
    expect(Object.keys(CONTACT_FIELDS)).toHaveLength(35)
    for (const field of ["occupation", "company", "industry", "job_title"]) expect(CONTACT_FIELDS[field].type).toBe("string")
    expect(CONTACT_FIELDS.first_channel.values).toContain("paid_search")
    expect(CONTACT_FIELDS.last_channel.type).toBe("enum")
    expect(CONTACT_FIELDS.advertising_consent.values).toEqual(["unknown", "granted", "denied"])
    expect(CONTACT_FIELDS.email.type).toBe("string")
    expect(CONTACT_FIELDS.birth_date.type).toBe("date")
    expect(CONTACT_FIELDS.last_seen_at.type).toBe("date")
    expect(CONTACT_FIELDS.device_type.values).toEqual(["desktop", "mobile", "tablet", "other"])
    expect(CONTACT_FIELDS.analytics_consent.values).toEqual(["unknown", "granted", "denied"])
    expect(CONTACT_FIELDS.email.column("c")).toBe("c.email")
    expect(CONTACT_FIELDS.email.column("")).toBe("email")
  })

  it("reads event properties from jsonb with a type check before the cast", () => {
    expect(eventPropertyField("category", "string").column("e")).toBe(
      "(CASE WHEN jsonb_typeof(e.properties #> '{category}') = 'string' THEN (e.properties #>> '{category}') END)"
    )
    expect(eventPropertyField("items.0.price", "number").column("")).toBe(
      "(CASE WHEN jsonb_typeof(properties #> '{items,0,price}') = 'number' THEN (properties #>> '{items,0,price}')::numeric END)"
    )
    expect(eventPropertyField("a.b", "boolean").property).toEqual(["a", "b"])
  })

  it("refuses property paths that could escape the SQL literal", () => {
    for (const bad of ["a'b", "a,b", "a}b", "", "a..b", "a.b.c.d", "01", "a b", "x?"]) {
      expect(() => eventPropertyField(bad, "string")).toThrow(/Invalid event property path/)
    }
    expect(() => columnField("string", "email; drop")).toThrow()
  })

  it("merges catalogs and refuses a field defined twice", () => {
    expect(getField(CATALOG, "acquisition_score")?.type).toBe("number")
    expect(() => mergeCatalogs(CONTACT_FIELDS, { email: CONTACT_FIELDS.email })).toThrow(/defined twice/)
  })

  it("never treats prototype keys as fields", () => {
    expect(getField(CATALOG, "constructor")).toBeUndefined()
    expect(errors({ field: "__proto__", operator: "exists" })).toEqual([
      { path: "field", message: 'unknown field "__proto__"' },
    ])
  })
})

describe("parseIsoDate", () => {
  it("accepts real calendar dates, with or without a time and offset", () => {
    expect(parseIsoDate("2024-02-29")).toBe(Date.UTC(2024, 1, 29))
    expect(parseIsoDate("2000-02-29")).toBe(Date.UTC(2000, 1, 29))
    expect(parseIsoDate("2026-06-15T12:00Z")).toBe(NOW.getTime())
    expect(parseIsoDate("2026-06-15T14:30:00.000+02:30")).toBe(NOW.getTime())
  })
  it("rejects impossible dates and loose formats", () => {
    for (const bad of ["2023-02-29", "1900-02-29", "2024-02-30", "2024-04-31", "2024-13-01", "2024-1-01",
      "2024-01-01T10:00", "2024-01-01 10:00Z", "2024-01-01T24:00Z", "0999-01-01", "today", 20240101, null]) {
      expect(parseIsoDate(bad)).toBeNull()
    }
  })
})

describe("operators by type", () => {
  it("covers every operator", () => {
    const used = new Set(Object.values(OPERATORS_BY_TYPE).flat())
    expect([...used].sort()).toEqual([...OPERATORS].sort())
  })
})

describe("evaluateCondition: strings (case-insensitive)", () => {
  it.each([
    ["eq", "jane.doe@example.COM", true],
    ["eq", "jane", false],
    ["neq", "JANE.DOE@EXAMPLE.COM", false],
    ["neq", "other@example.com", true],
    ["in", ["x@y.z", "JANE.doe@example.com"], true],
    ["in", ["x@y.z"], false],
    ["not_in", ["x@y.z"], true],
    ["not_in", ["jane.doe@example.com"], false],
    ["contains", "DOE@", true],
    ["contains", "smith", false],
    ["starts_with", "JANE.", true],
    ["starts_with", "doe", false],
  ])("email %s %j → %s", (operator, value, expected) => {
    expect(check({ field: "email", operator, value })).toBe(expected)
  })

  it("treats % and _ literally", () => {
    expect(check({ field: "last_utm_campaign", operator: "contains", value: "50%" })).toBe(true)
    expect(check({ field: "last_utm_campaign", operator: "contains", value: "e_s" })).toBe(false)
    expect(check({ field: "last_utm_campaign", operator: "starts_with", value: "SUMMER_" })).toBe(true)
  })

  it("folds non-ASCII letters too", () => {
    expect(check({ field: "city", operator: "eq", value: "SÃO PAULO" })).toBe(true)
  })

  it("exists / not_exists", () => {
    expect(check({ field: "email", operator: "exists" })).toBe(true)
    expect(check({ field: "phone", operator: "exists" })).toBe(false)
    expect(check({ field: "phone", operator: "not_exists" })).toBe(true)
    expect(check({ field: "email", operator: "not_exists" })).toBe(false)
    expect(check({ field: "phone", operator: "exists" }, { phone: "" })).toBe(true)
  })
})

describe("evaluateCondition: enums (exact)", () => {
  it.each([
    ["eq", "mobile", true],
    ["eq", "desktop", false],
    ["neq", "desktop", true],
    ["neq", "mobile", false],
    ["in", ["tablet", "mobile"], true],
    ["in", ["tablet"], false],
    ["not_in", ["tablet"], true],
    ["not_in", ["mobile"], false],
  ])("device_type %s %j → %s", (operator, value, expected) => {
    expect(check({ field: "device_type", operator, value })).toBe(expected)
  })
  it("exists / not_exists", () => {
    expect(check({ field: "device_type", operator: "exists" })).toBe(true)
    expect(check({ field: "device_type", operator: "not_exists" }, {})).toBe(true)
  })
})

describe("evaluateCondition: numbers", () => {
  it.each([
    ["eq", 42.5, true],
    ["eq", 42, false],
    ["neq", 42, true],
    ["neq", 42.5, false],
    ["in", [1, 42.5], true],
    ["in", [1, 2], false],
    ["not_in", [1, 2], true],
    ["not_in", [42.5], false],
    ["gt", 42, true],
    ["gt", 42.5, false],
    ["gte", 42.5, true],
    ["gte", 43, false],
    ["lt", 43, true],
    ["lt", 42.5, false],
    ["lte", 42.5, true],
    ["lte", 42, false],
    ["between", [42.5, 50], true],
    ["between", [0, 42.5], true],
    ["between", [43, 50], false],
  ])("acquisition_score %s %j → %s", (operator, value, expected) => {
    expect(check({ field: "acquisition_score", operator, value })).toBe(expected)
  })
  it("reads numbers, numeric strings and bigints; anything else is missing", () => {
    const tree = { field: "acquisition_score", operator: "exists" }
    expect(check(tree, { acquisition_score: 3 })).toBe(true)
    expect(check(tree, { acquisition_score: BigInt(3) })).toBe(true)
    expect(check(tree, { acquisition_score: "abc" })).toBe(false)
    expect(check(tree, { acquisition_score: "" })).toBe(false)
    expect(check(tree, { acquisition_score: null })).toBe(false)
    expect(check({ field: "acquisition_score", operator: "not_exists" }, {})).toBe(true)
  })
})

describe("evaluateCondition: booleans", () => {
  it.each([
    ["eq", false, true],
    ["eq", true, false],
    ["neq", true, true],
    ["neq", false, false],
  ])("is_vip %s %j → %s", (operator, value, expected) => {
    expect(check({ field: "is_vip", operator, value })).toBe(expected)
  })
  it("exists / not_exists", () => {
    expect(check({ field: "is_vip", operator: "exists" })).toBe(true)
    expect(check({ field: "is_vip", operator: "not_exists" }, { is_vip: "false" })).toBe(true)
  })
})

describe("evaluateCondition: dates", () => {
  // last_seen_at is 2 days ago; first_seen_at is an ISO string (records may hold either).
  it.each([
    ["last_seen_at", "gt", ago(3).toISOString(), true],
    ["last_seen_at", "gt", ago(2).toISOString(), false],
    ["last_seen_at", "gte", ago(2).toISOString(), true],
    ["last_seen_at", "lt", ago(1).toISOString(), true],
    ["last_seen_at", "lt", ago(2).toISOString(), false],
    ["last_seen_at", "lte", ago(2).toISOString(), true],
    ["last_seen_at", "between", [ago(2).toISOString(), ago(1).toISOString()], true],
    ["last_seen_at", "between", ["2026-06-14", "2026-06-15"], false],
    ["first_seen_at", "gte", "2026-01-01", true],
    ["first_seen_at", "gt", "2025-12-31T23:00:00-02:00", false],
    ["last_seen_at", "within_last", { days: 2 }, true],
    ["last_seen_at", "within_last", { days: 1 }, false],
    ["last_seen_at", "before_last", { days: 1 }, true],
    ["last_seen_at", "before_last", { days: 2 }, false],
    ["last_seen_at", "within_next", { days: 30 }, false],
  ])("%s %s %j → %s", (field, operator, value, expected) => {
    expect(check({ field, operator, value })).toBe(expected)
  })

  it("within_next looks ahead from now, both ends included", () => {
    const at = (ms: number) => ({ last_seen_at: new Date(NOW.getTime() + ms) })
    const tree = { field: "last_seen_at", operator: "within_next", value: { days: 7 } }
    expect(check(tree, at(0))).toBe(true)
    expect(check(tree, at(7 * DAY))).toBe(true)
    expect(check(tree, at(7 * DAY + 1))).toBe(false)
    expect(check(tree, at(-1))).toBe(false)
  })

  it("within_last and before_last split the past at exactly n days", () => {
    const at = (ms: number) => ({ last_seen_at: new Date(NOW.getTime() - ms) })
    const last = { field: "last_seen_at", operator: "within_last", value: { days: 90 } }
    const before = { field: "last_seen_at", operator: "before_last", value: { days: 90 } }
    for (const ms of [0, 90 * DAY - 1, 90 * DAY, 90 * DAY + 1]) {
      expect(check(last, at(ms))).toBe(ms <= 90 * DAY)
      expect(check(before, at(ms))).toBe(ms > 90 * DAY)
    }
    expect(check(last, at(-1))).toBe(false) // the future is not "in the last n days"
  })

  it("treats an invalid date as missing", () => {
    expect(check({ field: "birth_date", operator: "exists" }, { birth_date: "not a date" })).toBe(false)
    expect(check({ field: "birth_date", operator: "exists" }, { birth_date: new Date(NaN) })).toBe(false)
  })

  it("anniversary_within_next on a record", () => {
    // Birthday June 20, now June 15.
    expect(check({ field: "birth_date", operator: "anniversary_within_next", value: { days: 6 } })).toBe(true)
    expect(check({ field: "birth_date", operator: "anniversary_within_next", value: { days: 5 } })).toBe(false)
  })
})

describe("anniversaryWithinNext", () => {
  const at = (iso: string) => Date.parse(iso)
  const within = (birth: string, now: string, days: number) => anniversaryWithinNext(at(birth), at(now), days)

  it("wraps the year end: Dec 28 + 7 days covers Dec 28 … Jan 3", () => {
    const now = "2025-12-28T18:00:00Z"
    expect(within("1990-12-28", now, 7)).toBe(true)
    expect(within("1990-12-31", now, 7)).toBe(true)
    expect(within("1990-01-01", now, 7)).toBe(true)
    expect(within("1990-01-03", now, 7)).toBe(true)
    expect(within("1990-01-04", now, 7)).toBe(false)
    expect(within("1990-12-27", now, 7)).toBe(false)
  })

  it("counts today as the first day", () => {
    expect(within("1985-06-15", "2026-06-15T23:59:59Z", 1)).toBe(true)
    expect(within("1985-06-16", "2026-06-15T00:00:00Z", 1)).toBe(false)
    expect(within("1985-06-14", "2026-06-15T00:00:00Z", 366)).toBe(true) // next year's
  })

  it("keeps Feb 29 birthdays on Feb 28 in non-leap years", () => {
    expect(within("2000-02-29", "2027-02-28T08:00:00Z", 1)).toBe(true)
    expect(within("2000-02-29", "2027-02-27T08:00:00Z", 1)).toBe(false)
    expect(within("2000-02-29", "2027-02-27T08:00:00Z", 2)).toBe(true)
    expect(within("2000-02-29", "2027-03-01T08:00:00Z", 30)).toBe(false)
  })

  it("uses Feb 29 itself in leap years", () => {
    expect(within("2000-02-29", "2028-02-28T08:00:00Z", 1)).toBe(false)
    expect(within("2000-02-29", "2028-02-28T08:00:00Z", 2)).toBe(true)
    expect(within("2000-02-29", "2028-02-29T08:00:00Z", 1)).toBe(true)
    expect(within("1999-02-28", "2028-02-29T08:00:00Z", 1)).toBe(false)
    // From Mar 1 2027 the next one is Feb 29 2028, 365 days away.
    expect(within("2000-02-29", "2027-03-01T00:00:00Z", 365)).toBe(false)
    expect(within("2000-02-29", "2027-03-01T00:00:00Z", 366)).toBe(true)
  })

  it("reads both dates on the UTC calendar", () => {
    // 23:30 in New York on Dec 27 is already Dec 28 in UTC.
    expect(within("1990-12-28T00:00:00Z", "2025-12-27T23:30:00-05:00", 1)).toBe(true)
  })
})

describe("evaluateCondition: event properties", () => {
  it("reads each type from properties", () => {
    expect(check({ field: "properties.category", operator: "eq", value: "shoes" })).toBe(true)
    expect(check({ field: "properties.price", operator: "between", value: [10, 20] })).toBe(true)
    expect(check({ field: "properties.gift", operator: "eq", value: true })).toBe(true)
    expect(check({ field: "properties.tier", operator: "in", value: ["gold"] })).toBe(true)
    expect(check({ field: "properties.items.0.sku", operator: "starts_with", value: "sku-" })).toBe(true)
    expect(check({ field: "properties.shipped_at", operator: "within_last", value: { days: 5 } })).toBe(false)
    expect(check({ field: "properties.shipped_at", operator: "within_last", value: { days: 6 } })).toBe(true)
  })

  it("treats a JSON value of another type as missing", () => {
    const record = (properties: unknown) => ({ properties })
    const exists = (field: string, properties: unknown) => check({ field, operator: "exists" }, record(properties))
    expect(exists("properties.price", { price: "19.99" })).toBe(false)
    expect(exists("properties.category", { category: 12 })).toBe(false)
    expect(exists("properties.gift", { gift: "true" })).toBe(false)
    expect(exists("properties.shipped_at", { shipped_at: "2023-02-29" })).toBe(false)
    expect(exists("properties.items.0.sku", { items: { "0": { sku: "a" } } })).toBe(true) // jsonb does the same
    expect(exists("properties.items.0.sku", { items: "abc" })).toBe(false)
    expect(check({ field: "length", operator: "exists" }, { properties: [1, 2] }, LENGTH)).toBe(false)
    expect(check({ field: "length", operator: "exists" }, { properties: { length: 2 } }, LENGTH)).toBe(true)
    expect(exists("properties.category", null)).toBe(false)
    expect(exists("properties.category", undefined)).toBe(false)
  })
})

describe("evaluateCondition: nesting and the NULL rule", () => {
  it("and / or / not", () => {
    const yes = { field: "country_code", operator: "eq", value: "br" }
    const no = { field: "country_code", operator: "eq", value: "fr" }
    expect(check({ and: [yes, yes] })).toBe(true)
    expect(check({ and: [yes, no] })).toBe(false)
    expect(check({ or: [no, yes] })).toBe(true)
    expect(check({ or: [no, no] })).toBe(false)
    expect(check({ not: no })).toBe(true)
    expect(check({ not: { not: yes } })).toBe(true)
    expect(check({ or: [{ and: [yes, { not: yes }] }, { not: { or: [no, { and: [no] }] } }] })).toBe(true)
  })

  it("a leaf on a missing value is false, even neq and not_in; not negates that", () => {
    const empty = {}
    for (const tree of [
      { field: "phone", operator: "neq", value: "x" },
      { field: "phone", operator: "not_in", value: ["x"] },
      { field: "acquisition_score", operator: "lt", value: 100 },
      { field: "birth_date", operator: "before_last", value: { days: 1 } },
    ]) {
      expect(check(tree, empty)).toBe(false)
      expect(check({ not: tree }, empty)).toBe(true)
    }
  })
})

describe("evaluateCondition: misuse", () => {
  it("throws on a field the catalog does not know", () => {
    expect(() => evaluateCondition({ field: "nope", operator: "exists" }, {}, CATALOG, NOW)).toThrow(/Unknown field/)
  })
})

describe("validateConditionTree", () => {
  it("accepts a valid tree and returns it", () => {
    const tree = { and: [{ field: "email", operator: "exists" }, { not: { field: "city", operator: "eq", value: "Paris" } }] }
    expect(validateConditionTree(tree, CATALOG)).toEqual({ ok: true, tree })
  })

  it("names the unknown field, with its path", () => {
    expect(errors({ and: [{ field: "email", operator: "exists" }, { or: [{ field: "shoe_size", operator: "eq", value: 4 }] }] })).toEqual([
      { path: "and[1].or[0].field", message: 'unknown field "shoe_size"' },
    ])
    expect(errors({ not: { field: 3, operator: "exists" } })).toEqual([{ path: "not.field", message: "must be a field name" }])
  })

  it("rejects operators that do not fit the field type", () => {
    expect(errors({ field: "device_type", operator: "gt", value: "mobile" })).toEqual([
      { path: "operator", message: '"gt" does not apply to enum field "device_type"' },
    ])
    expect(errors({ field: "city", operator: "lt", value: "x" })[0].message).toMatch(/does not apply to string/)
    expect(errors({ field: "acquisition_score", operator: "contains", value: "4" })[0].path).toBe("operator")
    expect(errors({ field: "city", operator: "within_last", value: { days: 3 } })[0].path).toBe("operator")
    expect(errors({ field: "is_vip", operator: "in", value: [true] })[0].path).toBe("operator")
    expect(errors({ field: "birth_date", operator: "eq", value: "2000-01-01" })[0].path).toBe("operator")
    expect(errors({ field: "city", operator: "like", value: "x" })).toEqual([{ path: "operator", message: 'unknown operator "like"' }])
  })

  it("rejects bad values with exact paths", () => {
    const cases: [unknown, string, RegExp][] = [
      [{ field: "city", operator: "eq", value: 3 }, "value", /must be a string/],
      [{ field: "city", operator: "eq" }, "value", /must be a string/],
      [{ field: "city", operator: "eq", value: "x".repeat(1001) }, "value", /at most 1000/],
      [{ field: "city", operator: "in", value: [] }, "value", /must not be empty/],
      [{ field: "city", operator: "in", value: "Paris" }, "value", /must be a list/],
      [{ field: "city", operator: "in", value: ["a", 2] }, "value[1]", /must be a string/],
      [{ field: "city", operator: "not_in", value: Array(1001).fill("a") }, "value", /more than 1000 items/],
      [{ field: "city", operator: "contains", value: "" }, "value", /must not be empty/],
      [{ field: "device_type", operator: "eq", value: "Mobile" }, "value", /one of desktop, mobile, tablet, other/],
      [{ field: "acquisition_score", operator: "gt", value: "5" }, "value", /must be a number/],
      [{ field: "acquisition_score", operator: "gt", value: Infinity }, "value", /must be a number/],
      [{ field: "acquisition_score", operator: "between", value: [5] }, "value", /pair/],
      [{ field: "acquisition_score", operator: "between", value: [5, 1] }, "value", /ascending/],
      [{ field: "acquisition_score", operator: "between", value: [1, "x"] }, "value[1]", /must be a number/],
      [{ field: "last_seen_at", operator: "between", value: ["2026-02-01", "2026-01-01"] }, "value", /ascending/],
      [{ field: "last_seen_at", operator: "gt", value: "2023-02-29" }, "value", /ISO 8601/],
      [{ field: "last_seen_at", operator: "gt", value: "yesterday" }, "value", /ISO 8601/],
      [{ field: "is_vip", operator: "eq", value: "true" }, "value", /true or false/],
      [{ field: "email", operator: "exists", value: null }, "value", /left out/],
      [{ field: "last_seen_at", operator: "within_last", value: 7 }, "value", /\{ days: n \}/],
      [{ field: "last_seen_at", operator: "within_last", value: { days: 0 } }, "value.days", /whole number from 1/],
      [{ field: "last_seen_at", operator: "before_last", value: { days: -3 } }, "value.days", /whole number/],
      [{ field: "last_seen_at", operator: "within_next", value: { days: 1.5 } }, "value.days", /whole number/],
      [{ field: "last_seen_at", operator: "within_next", value: {} }, "value.days", /whole number/],
      [{ field: "birth_date", operator: "anniversary_within_next", value: { days: 367 } }, "value.days", /1 to 366/],
      [{ field: "birth_date", operator: "anniversary_within_next", value: { days: 3, weeks: 1 } }, "value.weeks", /not a known key/],
    ]
    for (const [tree, path, message] of cases) {
      const found = errors({ or: [{ field: "email", operator: "exists" }, { not: tree }] })
      expect(found).toHaveLength(1)
      expect(found[0].path).toBe(path === "" ? "or[1].not" : `or[1].not.${path}`)
      expect(found[0].message).toMatch(message)
    }
  })

  it("rejects empty groups, unknown keys and non-objects", () => {
    expect(errors({ and: [] })).toEqual([{ path: "and", message: "must hold at least one condition" }])
    expect(errors({ or: [{ and: [] }] })).toEqual([{ path: "or[0].and", message: "must hold at least one condition" }])
    expect(errors({ and: { field: "email" } })).toEqual([{ path: "and", message: "must be a list of conditions" }])
    expect(errors({ field: "email", operator: "exists", label: "x" })).toEqual([{ path: "label", message: "is not a known key" }])
    expect(errors({ and: [{ field: "email", operator: "exists" }], or: [] })).toEqual([
      { path: "or", message: 'cannot sit next to "and"' },
    ])
    expect(errors({ not: [{ field: "email", operator: "exists" }] })).toEqual([{ path: "not", message: "must be an object" }])
    expect(errors(null)).toEqual([{ path: "", message: "must be an object" }])
    expect(errors("email = 1")).toEqual([{ path: "", message: "must be an object" }])
    expect(errors({})).toEqual([
      { path: "field", message: "must be a field name" },
      { path: "operator", message: "must be an operator" },
    ])
  })

  it("reports every problem, not just the first", () => {
    expect(
      errors({ and: [{ field: "nope", operator: "exists" }, { field: "city", operator: "gt", value: 1 }, { or: [] }] }).map((e) => e.path)
    ).toEqual(["and[0].field", "and[1].operator", "and[2].or"])
  })

  it("limits depth to 10 levels", () => {
    const nest = (levels: number): unknown => {
      let tree: unknown = { field: "email", operator: "exists" }
      for (let i = 1; i < levels; i++) tree = { not: tree }
      return tree
    }
    expect(errors(nest(10))).toEqual([])
    expect(errors(nest(11))).toEqual([{ path: "not.".repeat(9) + "not", message: "is nested deeper than 10 levels" }])
    expect(errors(nest(4), { maxDepth: 3 })).toHaveLength(1)
  })

  it("limits a tree to 200 conditions", () => {
    const leaves = (n: number) => ({ or: Array.from({ length: n }, () => ({ field: "email", operator: "exists" })) })
    expect(errors(leaves(200))).toEqual([])
    expect(errors(leaves(201))).toEqual([{ path: "", message: "has more than 200 conditions" }])
    expect(errors(leaves(100_000))).toHaveLength(1)
  })
})

describe("compileCondition", () => {
  const now = new Date("2026-06-15T12:00:00.000Z")

  it("binds every value and reads columns through the alias", () => {
    const { sql, params } = compileCondition({ field: "email", operator: "eq", value: "A@B.c" }, CATALOG, { alias: "c" })
    expect(sql).toBe("(c.email IS NOT NULL AND lower(c.email) = lower(?::text))")
    expect(params).toEqual(["A@B.c"])
  })

  it("leaves a column that is already lower-cased (folded) as it is", () => {
    const folded = { ...CATALOG, email: { ...CATALOG.email, folded: true, column: () => "x.s0" } }
    const { sql } = compileCondition({ or: [{ field: "email", operator: "starts_with", value: "Ann" }, { field: "email", operator: "in", value: ["A@B.c"] }] }, folded)
    expect(sql).toBe("((x.s0 IS NOT NULL AND x.s0 LIKE lower(?::text) ESCAPE E'\\\\') OR (x.s0 IS NOT NULL AND x.s0 IN (lower(?::text))))")
  })

  it("compiles groups and not", () => {
    const { sql, params } = compileCondition(
      { or: [{ field: "device_type", operator: "in", value: ["mobile", "tablet"] }, { not: { field: "is_vip", operator: "exists" } }] },
      CATALOG
    )
    expect(sql).toBe("((device_type IS NOT NULL AND device_type IN (?::text, ?::text)) OR (NOT (is_vip IS NOT NULL)))")
    expect(params).toEqual(["mobile", "tablet"])
  })

  it("escapes LIKE wildcards in contains and starts_with", () => {
    expect(escapeLike("50%_off\\")).toBe("50\\%\\_off\\\\")
    const { sql, params } = compileCondition({ field: "city", operator: "contains", value: "a%b_c\\" }, CATALOG)
    expect(sql).toBe("(city IS NOT NULL AND lower(city) LIKE lower(?::text) ESCAPE E'\\\\')")
    expect(params).toEqual(["%a\\%b\\_c\\\\%"])
    expect(compileCondition({ field: "city", operator: "starts_with", value: "_x" }, CATALOG).params).toEqual(["\\_x%"])
  })

  it("uses now() or a bound clock for relative dates", () => {
    const tree = { field: "last_seen_at", operator: "within_last", value: { days: 30 } }
    expect(compileCondition(tree, CATALOG).sql).toBe(
      "(last_seen_at IS NOT NULL AND last_seen_at BETWEEN now() - ?::integer * interval '24 hours' AND now())"
    )
    const bound = compileCondition(tree, CATALOG, { now })
    expect(bound.sql).not.toContain("now()")
    expect(bound.params).toEqual([now.toISOString(), 30, now.toISOString()])
  })

  it("normalises date values to UTC ISO strings", () => {
    const { params } = compileCondition({ field: "birth_date", operator: "between", value: ["2000-01-01", "2000-12-31T23:00:00+01:00"] }, CATALOG)
    expect(params).toEqual(["2000-01-01T00:00:00.000Z", "2000-12-31T22:00:00.000Z"])
  })

  it("leaves no `?` in the SQL text other than placeholders", () => {
    const every: Node[] = []
    for (const [field, def] of Object.entries(CATALOG)) {
      for (const operator of OPERATORS_BY_TYPE[def.type]) {
        const value = sampleValue(def.type, operator, def.values)
        every.push(value === undefined ? { field, operator } : { field, operator, value })
      }
    }
    const { sql, params } = compileCondition({ or: every.slice(0, 200) }, CATALOG, { now })
    expect(sql.split("?").length - 1).toBe(params.length)
    expect(sql).not.toMatch(/\?[|&]/) // no jsonb ?, ?| or ?& operators
  })

  it("throws on invalid trees, aliases and clocks", () => {
    expect(() => compileCondition({ field: "nope", operator: "exists" }, CATALOG)).toThrow(ConditionTreeError)
    expect(() => compileCondition({ field: "email", operator: "exists" }, CATALOG, { alias: "c; drop" })).toThrow(/alias/)
    expect(() => compileCondition({ field: "email", operator: "exists" }, CATALOG, { now: new Date(NaN) })).toThrow(/now/)
    const sneaky = { x: { type: "string" as const, column: () => "data ? 'k'" } }
    expect(() => compileCondition({ field: "x", operator: "eq", value: "a" }, sneaky)).toThrow(/must not contain/)
  })
})

function sampleValue(type: string, operator: string, values?: readonly string[]): unknown {
  const scalar = type === "number" ? 1 : type === "boolean" ? true : type === "enum" ? values![0] : type === "date" ? "2026-01-01" : "a"
  switch (operator) {
    case "exists":
    case "not_exists":
      return undefined
    case "in":
    case "not_in":
      return [scalar]
    case "between":
      return [scalar, scalar]
    case "within_last":
    case "before_last":
    case "within_next":
    case "anniversary_within_next":
      return { days: 3 }
    default:
      return scalar
  }
}
