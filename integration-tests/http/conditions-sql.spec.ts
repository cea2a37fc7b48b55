/**
 * The SQL compiler and the TS evaluator must agree on every row: segments are
 * rebuilt in SQL and updated per event in TS. This runs seeded random trees
 * over seeded random rows in a throwaway schema (no Medusa app needed).
 * Reproduce a failure with CONDITIONS_SEED=<seed>.
 */
import {
  columnField,
  compileCondition,
  CONTACT_FIELDS,
  evaluateCondition,
  eventPropertyFields,
  FieldCatalog,
  FieldDef,
  mergeCatalogs,
  Node,
  OPERATORS_BY_TYPE,
  parseIsoDate,
  validateConditionTree,
} from "../../src/modules/marketing/conditions"
import { mainPrediction, predictionCatalog, predictionValues, readsPredictions, type PredictionRow } from "../../src/modules/marketing/predictions/contact-fields"

// eslint-disable-next-line @typescript-eslint/no-var-requires
const { Client } = require("pg")

jest.setTimeout(120_000)

const SEED = Number(process.env.CONDITIONS_SEED ?? 20261122)
const ROWS = 400
const TREES = 400
const DAY = 86_400_000

const SCHEMA = `conditions_sql_${process.pid}_${Date.now()}`

const CATALOG: FieldCatalog = mergeCatalogs(
  CONTACT_FIELDS,
  // The prediction fields, on this schema's own predictions and propensities tables: SQL picks the contact's main
  // row with a subquery, TS with mainPrediction on the rows merged into the record.
  predictionCatalog(`${SCHEMA}.predictions`, "id", `${SCHEMA}.propensities`),
  // Stand-ins for the score fields that later code merges in.
  {
    acquisition_score: columnField("number", "acquisition_score"),
    lifecycle_stage: columnField("enum", "lifecycle_stage", ["lead", "prospect", "customer"]),
    is_vip: columnField("boolean", "is_vip"),
  },
  eventPropertyFields({
    category: "string",
    price: "number",
    gift: "boolean",
    tier: { type: "enum", values: ["gold", "silver"] },
    shipped_at: "date",
    "items.0.sku": "string",
    length: "number", // on an array-valued `properties`, must not read Array#length
  })
)

// Clocks at the awkward places: year end, Feb 28/29 in non-leap and leap years, Mar 1.
const NOWS = [
  "2025-12-28T22:30:00.000Z",
  "2026-12-31T23:59:59.999Z",
  "2027-02-28T12:00:00.000Z",
  "2028-02-29T06:00:00.000Z",
  "2027-03-01T00:00:00.000Z",
  "2026-06-15T12:00:00.000Z",
].map((iso) => new Date(iso))

/** mulberry32: small, seeded, good enough for test data. */
function prng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  const int = (n: number) => Math.floor(next() * n)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]
  return { next, int, pick, chance: (p: number) => next() < p }
}

const WORDS = [
  "Alice", "alice", "ALICE", "bob_smith", "Bob%Smith", "50% off", "50_off", "a\\b", "A\\B", "São Paulo",
  "SÃO PAULO", "x", "", "Paris", "paris", "FaceBook", "facebook", "google", "newsletter_2024", "%", "_", "Ørsted",
]
const DAYS = [1, 2, 3, 7, 30, 90, 365, 366]

function makeRows(rand: ReturnType<typeof prng>) {
  const maybe = <T>(value: () => T, pNull = 0.2) => (rand.chance(pNull) ? null : value())
  const word = () => rand.pick(WORDS)
  // Dates near a clock, often exactly on a relative-date boundary (± 1 ms).
  const near = () => {
    const now = rand.pick(NOWS).getTime()
    const edge = rand.pick(DAYS) * DAY * rand.pick([-1, 1]) + rand.pick([-1, 0, 1])
    const offsets = [0, 1, -1, edge, edge, edge, rand.int(800 * DAY) - 400 * DAY]
    return new Date(now + rand.pick(offsets))
  }
  // Birthdays around the clocks' calendar days, at any time of day (UTC calendar matters).
  const birthday = () => {
    const [month, day] = rand.pick([[11, 25], [11, 28], [11, 31], [0, 1], [0, 3], [0, 4], [1, 27], [1, 28], [1, 29], [2, 1], [5, 15], [5, 20], [rand.int(12), 1 + rand.int(28)]])
    const year = rand.pick([1988, 1996, 2000, 2001, 1900 + rand.int(110)])
    const ms = Date.UTC(year, month, day) + rand.pick([0, 1, DAY - 1, rand.int(DAY)])
    return new Date(ms) // Feb 29 in a non-leap year rolls to Mar 1, also fine
  }
  const propertyValue: Record<string, () => unknown> = {
    category: () => rand.pick([word(), word(), 12, true, { a: 1 }]),
    price: () => rand.pick([rand.int(5000) / 100, 19.99, 0, -5, "12", null]),
    gift: () => rand.pick([true, false, "true", 1]),
    tier: () => rand.pick(["gold", "silver", "GOLD", 1]),
    shipped_at: () => {
      const d = near()
      return rand.pick([
        d.toISOString(),
        d.toISOString().slice(0, 10),
        d.toISOString().slice(0, 16) + "+05:30",
        "2023-02-29",
        "2024-02-29",
        d.toISOString().slice(0, 16), // no offset: not a date for us
        "soon",
        1_700_000_000,
      ])
    },
    items: () => rand.pick([[{ sku: word() }], [], { "0": { sku: word() } }, "abc", [{ sku: 5 }]]),
  }
  const properties = () => {
    const props: Record<string, unknown> = {}
    for (const [key, value] of Object.entries(propertyValue)) if (rand.chance(0.7)) props[key] = value()
    return rand.pick([props, props, props, null, [1, 2]])
  }

  return Array.from({ length: ROWS }, () => ({
    email: maybe(() => `${word()}@${rand.pick(["Example.com", "shop.io"])}`),
    first_name: maybe(word),
    last_name: maybe(word),
    phone: maybe(() => `+33 6 ${rand.int(100)}`, 0.6),
    customer_id: maybe(() => `cus_${rand.int(20)}`, 0.5),
    cart_id: maybe(() => `cart_${rand.int(20)}`, 0.5),
    birth_date: maybe(birthday, 0.15),
    age_band: maybe(() => rand.pick(["18-24", "25-34", "35-44"])),
    gender: maybe(() => rand.pick(["female", "male", "Other"])),
    occupation: maybe(word),
    company: maybe(word),
    industry: maybe(() => rand.pick(["Retail", "retail", "RETAIL", "Health care", "São Paulo", ""])),
    job_title: maybe(word),
    country_code: maybe(() => rand.pick(["fr", "de", "us", "br"])),
    city: maybe(word),
    locale: maybe(() => rand.pick(["fr-FR", "en-US", "pt-BR"])),
    timezone: maybe(() => rand.pick(["Europe/Paris", "America/Sao_Paulo"])),
    device_type: maybe(() => rand.pick(["desktop", "mobile", "tablet", "other"])),
    os: maybe(() => rand.pick(["iOS", "Android", "Windows"])),
    browser: maybe(() => rand.pick(["Chrome", "Mobile Safari", "Firefox"])),
    first_utm_source: maybe(word),
    first_utm_medium: maybe(word),
    first_utm_campaign: maybe(word),
    last_utm_source: maybe(word),
    last_utm_medium: maybe(word),
    last_utm_campaign: maybe(word),
    referrer: maybe(() => `https://${word()}.com/`),
    landing_page: maybe(() => `/products/${word()}`),
    first_seen_at: near(),
    last_seen_at: near(),
    analytics_consent: rand.pick(["unknown", "granted", "denied"]),
    email_marketing_consent: rand.pick(["unknown", "granted", "denied"]),
    acquisition_score: maybe(() => rand.pick([0, 10, 42.5, -3, rand.int(10000) / 100])),
    lifecycle_stage: maybe(() => rand.pick(["lead", "prospect", "customer"])),
    is_vip: maybe(() => rand.chance(0.5)),
    properties: maybe(properties, 0.1),
  }))
}

const PREDICTION_COLUMNS: Record<string, string> = {
  contact_id: "integer NOT NULL",
  currency_code: "text NOT NULL",
  orders: "integer NOT NULL",
  historic_value: "real NOT NULL",
  probability_active: "real",
  churn_risk: "real",
  churn_risk_band: "text",
  predicted_orders_365: "real",
  predicted_value_365: "real",
  predicted_lifetime_value: "real",
  predicted_lifetime_value_percentile: "real",
  expected_next_order_at: "timestamptz",
  average_days_between_orders: "real",
}

/** 0 to 3 currencies per contact, with ties in value and orders so the main-row order is tested whole. */
function makePredictions(rand: ReturnType<typeof prng>, contactIds: number[]) {
  const out: Record<string, unknown>[] = []
  const maybe = <T>(value: () => T, pNull = 0.15) => (rand.chance(pNull) ? null : value())
  for (const contact_id of contactIds) {
    const currencies = ["eur", "usd", "gbp", "jpy"].filter(() => rand.chance(0.35))
    for (const currency_code of currencies) {
      const risk = rand.pick([0, 0.1, 0.3, 1 / 3, 0.5, 2 / 3, 0.7, 0.123456789, 1])
      const now = rand.pick(NOWS).getTime()
      out.push({
        contact_id,
        currency_code,
        orders: rand.pick([1, 2, 2, 5]),
        historic_value: rand.pick([50, 50, 120.5, 999.99, 0.3]),
        probability_active: 1 - risk,
        churn_risk: risk,
        churn_risk_band: risk >= 2 / 3 ? "high" : risk >= 1 / 3 ? "medium" : "low",
        predicted_orders_365: rand.pick([0, 0.25, 1.7, 3]),
        predicted_value_365: maybe(() => rand.pick([0, 19.99, 250, 1234.5])),
        predicted_lifetime_value: maybe(() => rand.pick([0, 42.42, 500, 3000.75])),
        predicted_lifetime_value_percentile: maybe(() => rand.pick([0, 19.99, 50, 79.99, 80, 80.01, 100])),
        expected_next_order_at: maybe(() => new Date(now + rand.pick([-1, 0, 1, 3 * DAY, 14 * DAY, 14 * DAY + 1, 40 * DAY]))),
        average_days_between_orders: maybe(() => rand.pick([7, 30.5, 90])),
      })
    }
  }
  return out
}

const COLUMNS: Record<string, string> = {
  ...Object.fromEntries(
    Object.entries(CONTACT_FIELDS).map(([name, def]) => [name, def.type === "date" ? "timestamptz" : "text"])
  ),
  first_seen_at: "timestamptz NOT NULL",
  last_seen_at: "timestamptz NOT NULL",
  analytics_consent: "text NOT NULL",
  email_marketing_consent: "text NOT NULL",
  acquisition_score: "numeric",
  lifecycle_stage: "text",
  is_vip: "boolean",
  properties: "jsonb",
}

function makeTree(rand: ReturnType<typeof prng>, rows: Record<string, unknown>[]): Node {
  const fields = Object.entries(CATALOG)
  // Values drawn from the data, so trees match some rows and miss others.
  const seen = (name: string, def: FieldDef): unknown[] => {
    const values = rows.map((row) => (def.property ? walk(row.properties, def.property) : row[name]))
    return values.filter((v) => v !== null && v !== undefined)
  }
  const mutateCase = (s: string) => rand.pick([s, s.toUpperCase(), s.toLowerCase()])
  const dateValue = () => {
    const d = new Date(rand.pick(NOWS).getTime() + rand.pick([0, 1, -1, rand.pick(DAYS) * DAY * rand.pick([-1, 1]), rand.int(400 * DAY) - 200 * DAY]))
    return rand.pick([d.toISOString(), d.toISOString().slice(0, 10), d.toISOString().slice(0, 16) + "-03:00"])
  }
  const scalar = (name: string, def: FieldDef): unknown => {
    const pool = seen(name, def)
    switch (def.type) {
      case "string": {
        const strings = pool.filter((v): v is string => typeof v === "string")
        return mutateCase(strings.length && rand.chance(0.8) ? rand.pick(strings) : rand.pick(WORDS))
      }
      case "enum":
        return rand.pick(def.values!)
      case "number": {
        const numbers = pool.map(Number).filter(Number.isFinite)
        return numbers.length && rand.chance(0.7) ? rand.pick(numbers) : rand.int(6000) / 100 - 10
      }
      case "boolean":
        return rand.chance(0.5)
      case "date":
        return dateValue()
    }
  }
  const fragment = (name: string, def: FieldDef) => {
    const s = String(scalar(name, def))
    const start = rand.int(Math.max(1, s.length - 1))
    const piece = s.slice(start, start + 1 + rand.int(4)) || rand.pick(["%", "_", "\\", "a"])
    return mutateCase(piece)
  }
  const leaf = (): Node => {
    const [field, def] = rand.pick(fields)
    const operator = rand.pick(OPERATORS_BY_TYPE[def.type])
    switch (operator) {
      case "exists":
      case "not_exists":
        return { field, operator }
      case "in":
      case "not_in":
        return { field, operator, value: Array.from({ length: 1 + rand.int(4) }, () => scalar(field, def)) }
      case "between": {
        const pair = [scalar(field, def), scalar(field, def)]
        const key = (v: unknown) => (def.type === "date" ? parseIsoDate(v)! : (v as number))
        return { field, operator, value: key(pair[0]) <= key(pair[1]) ? pair : pair.reverse() }
      }
      case "contains":
      case "starts_with":
        return { field, operator, value: fragment(field, def) }
      case "within_last":
      case "before_last":
      case "within_next":
      case "anniversary_within_next":
        return { field, operator, value: { days: rand.pick(DAYS) } }
      default:
        return { field, operator, value: scalar(field, def) }
    }
  }
  const node = (depth: number): Node => {
    if (depth >= 4 || rand.chance(0.4)) return leaf()
    const children = () => Array.from({ length: 1 + rand.int(3) }, () => node(depth + 1))
    return rand.pick([() => ({ and: children() }), () => ({ or: children() }), () => ({ not: node(depth + 1) })])()
  }
  return node(1)
}

function walk(value: unknown, path: readonly string[]): unknown {
  for (const key of path) {
    if (value === null || typeof value !== "object") return undefined
    value = (value as Record<string, unknown>)[key]
  }
  return value
}

/** knex-style `?` placeholders to pg's `$n` (the compiler guarantees no other `?`). */
function toPg(sql: string): string {
  let n = 0
  return sql.replace(/\?/g, () => `$${++n}`)
}

describe("condition trees: SQL and TS agree", () => {
  const schema = SCHEMA
  const table = `${schema}.contacts`
  const client = new Client({
    host: process.env.DB_HOST || "localhost",
    port: Number(process.env.DB_PORT || 5432),
    user: process.env.DB_USERNAME || "postgres",
    password: process.env.DB_PASSWORD || "",
    database: process.env.DB_TEMP_NAME || "postgres",
  })
  let rows: Record<string, unknown>[] = []
  let jsonRows: Record<string, unknown>[] = []

  beforeAll(async () => {
    await client.connect()
    // A far-off zone with DST: results must not depend on the session time zone.
    await client.query(`SET TIME ZONE 'Pacific/Chatham'`)
    await client.query(`CREATE SCHEMA ${schema}`)
    const columns = Object.entries(COLUMNS).map(([name, type]) => `${name} ${type}`)
    await client.query(`CREATE TABLE ${table} (id serial PRIMARY KEY, ${columns.join(", ")})`)

    const names = Object.keys(COLUMNS)
    for (const row of makeRows(prng(SEED))) {
      const values = names.map((name) =>
        name === "properties" && row.properties !== null ? JSON.stringify(row.properties) : (row as Record<string, unknown>)[name]
      )
      await client.query(
        `INSERT INTO ${table} (${names.join(", ")}) VALUES (${names.map((_, i) => `$${i + 1}`).join(", ")})`,
        values
      )
    }
    const contactIds = (await client.query(`SELECT id FROM ${table} ORDER BY id`)).rows.map((r: { id: number }) => r.id)
    const predictionNames = Object.keys(PREDICTION_COLUMNS)
    await client.query(`CREATE TABLE ${schema}.predictions (${predictionNames.map((n) => `${n} ${PREDICTION_COLUMNS[n]}`).join(", ")}, UNIQUE (contact_id, currency_code))`)
    for (const p of makePredictions(prng(SEED + 3), contactIds)) {
      await client.query(
        `INSERT INTO ${schema}.predictions (${predictionNames.join(", ")}) VALUES (${predictionNames.map((_, i) => `$${i + 1}`).join(", ")})`,
        predictionNames.map((n) => p[n])
      )
    }
    // A lead's propensity: one row or none, with float4 values that only compare right through text.
    await client.query(`CREATE TABLE ${schema}.propensities (contact_id integer NOT NULL UNIQUE, probability real NOT NULL, percentile real)`)
    const propensityRand = prng(SEED + 4)
    for (const contact_id of contactIds) {
      if (!propensityRand.chance(0.4)) continue
      await client.query(`INSERT INTO ${schema}.propensities (contact_id, probability, percentile) VALUES ($1, $2, $3)`, [
        contact_id,
        propensityRand.pick([0, 0.05, 0.1, 0.123456789, 1 / 3, 0.9]),
        propensityRand.chance(0.1) ? null : propensityRand.pick([0, 10, 12.5, 100 / 3, 90, 100]),
      ])
    }
    const propensities = (await client.query(`SELECT * FROM ${schema}.propensities`)).rows
    // Evaluate rows as pg returns them (Dates, numeric as strings, parsed jsonb)
    // and as they look after a trip through JSON (ISO strings), each with its
    // main prediction row's values merged in, as live scoring and templates do.
    const predictions: PredictionRow[] = (await client.query(`SELECT * FROM ${schema}.predictions`)).rows
    const withPredictions = (row: Record<string, unknown>) => ({
      ...row,
      ...predictionValues(
        mainPrediction(predictions.filter((p) => (p.contact_id as unknown) === row.id)),
        propensities.find((p: { contact_id: number }) => p.contact_id === row.id) ?? null
      ),
    })
    rows = (await client.query(`SELECT * FROM ${table} ORDER BY id`)).rows.map(withPredictions)
    jsonRows = JSON.parse(JSON.stringify(rows))
  })

  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`).catch(() => undefined)
    await client.end()
  })

  const select = async (sql: string, params: unknown[]) =>
    (await client.query(`SELECT id FROM ${table} t WHERE ${toPg(sql)} ORDER BY id`, params)).rows.map(
      (r: { id: number }) => r.id
    )
  const expected = (tree: Node, now: Date, records: Record<string, unknown>[]) =>
    records.filter((row) => evaluateCondition(tree, row, CATALOG, now)).map((row) => row.id as number)

  it(`selects the same rows for ${TREES} random trees (seed ${SEED})`, async () => {
    const rand = prng(SEED + 1)
    const failures: unknown[] = []
    let partial = 0
    let onPredictions = 0
    const operators = new Set<string>()

    for (let i = 0; i < TREES; i++) {
      const tree = makeTree(rand, rows)
      const validated = validateConditionTree(tree, CATALOG)
      if (!validated.ok) throw new Error(`generator made an invalid tree: ${JSON.stringify(validated.errors)}`)
      JSON.stringify(tree).replace(/"operator":"(\w+)"/g, (_, op) => (operators.add(op), ""))
      if (readsPredictions(tree)) onPredictions++

      // Every clock, since the rows sit on the edges of each clock's windows.
      for (const now of NOWS) {
        const { sql, params } = compileCondition(tree, CATALOG, { alias: "t", now })
        const fromSql = await select(sql, params)
        const fromTs = expected(tree, now, rows)
        if (fromSql.length > 0 && fromSql.length < rows.length) partial++
        const same = (ids: number[]) => JSON.stringify(ids) === JSON.stringify(fromSql)
        if (!same(fromTs) || !same(expected(tree, now, jsonRows))) {
          const onlySql = fromSql.filter((id: number) => !fromTs.includes(id))
          const onlyTs = fromTs.filter((id) => !fromSql.includes(id))
          const sample = rows.find((r) => r.id === (onlySql[0] ?? onlyTs[0]))
          failures.push({ i, now, tree, sql, params, onlySql, onlyTs, sample })
        }
      }
      if (failures.length >= 3) break
    }

    expect(failures).toEqual([])
    expect(operators.size).toBe(17) // the generator reached every operator
    expect(onPredictions).toBeGreaterThan(TREES / 10) // and the prediction fields
    expect(partial).toBeGreaterThan((TREES * NOWS.length) / 3) // and most trees split the rows
  })

  it("agrees with the database clock when compiled with now()", async () => {
    const rand = prng(SEED + 2)
    await client.query("BEGIN")
    try {
      // now() is fixed for the transaction; pg gives it back at millisecond precision.
      const now: Date = (await client.query("SELECT now() AS now")).rows[0].now
      for (let i = 0; i < 40; i++) {
        const tree = makeTree(rand, rows)
        const { sql, params } = compileCondition(tree, CATALOG, { alias: "t" })
        expect(await select(sql, params)).toEqual(expected(tree, now, rows))
      }
    } finally {
      await client.query("ROLLBACK")
    }
  })

  it("counts days as 24-hour periods, whatever the session time zone's DST does", async () => {
    // 2026-06-15 minus 90 days crosses the end of Chatham's DST (April 5).
    const now = new Date("2026-06-15T12:00:00.000Z")
    const edge = now.getTime() - 90 * DAY
    const at = [edge - 3_600_000, edge - 1, edge, edge + 1, edge + 3_600_000].map((ms) => new Date(ms))
    const { rows: inserted } = await client.query(
      `INSERT INTO ${table} (first_seen_at, last_seen_at, analytics_consent, email_marketing_consent)
       SELECT x, x, 'unknown', 'unknown' FROM unnest($1::timestamptz[]) x RETURNING id, last_seen_at`,
      [at]
    )
    try {
      for (const operator of ["within_last", "before_last"] as const) {
        const tree: Node = { field: "last_seen_at", operator, value: { days: 90 } }
        const { sql, params } = compileCondition(tree, CATALOG, { alias: "t", now })
        const ids = (await select(sql, params)).filter((id: number) => inserted.some((r: { id: number }) => r.id === id))
        expect(ids).toEqual(expected(tree, now, inserted))
        expect(ids).toHaveLength(operator === "within_last" ? 3 : 2)
      }
    } finally {
      await client.query(`DELETE FROM ${table} WHERE id = ANY($1)`, [inserted.map((r: { id: number }) => r.id)])
    }
  })

  it("matches %, _ and \\ literally in contains and starts_with", async () => {
    for (const [operator, value] of [["contains", "%"], ["contains", "_"], ["contains", "\\"], ["starts_with", "50%"], ["contains", "B%s"]]) {
      const tree = { field: "city", operator, value } as Node
      const { sql, params } = compileCondition(tree, CATALOG, { alias: "t" })
      const ids = await select(sql, params)
      expect(ids).toEqual(expected(tree, NOWS[0], rows))
      for (const id of ids) {
        const city = String(rows.find((r) => r.id === id)!.city).toLowerCase()
        expect(operator === "contains" ? city.includes(value.toLowerCase()) : city.startsWith(value.toLowerCase())).toBe(true)
      }
    }
  })
})
