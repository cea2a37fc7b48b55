import { compileCondition, evaluateCondition, mergeCatalogs, CONTACT_FIELDS } from "../../conditions"
import { CHURN_RISK_BANDS } from "../customer"
import {
  PREDICTION_CATALOG,
  PREDICTION_FIELDS,
  mainPrediction,
  predictionCatalog,
  predictionValues,
  readsPredictions,
  type PredictionRow,
} from "../contact-fields"
import { FIT_FIELDS, validateScoringRule } from "../../scoring/rules"
import { predictionVariables } from "../../email/templates"

const row = (currency: string, historic: number | string, orders: number | string, extra: Record<string, unknown> = {}): PredictionRow => ({
  contact_id: "mcon_1",
  currency_code: currency,
  historic_value: historic,
  orders,
  ...extra,
})

describe("the contact's main prediction row", () => {
  it("is the currency with the most spent, then the most orders, then the first code", () => {
    expect(mainPrediction([])).toBeNull()
    expect(mainPrediction([row("eur", 100, 2), row("usd", 300, 1)])?.currency_code).toBe("usd")
    expect(mainPrediction([row("usd", 100, 1), row("eur", 100, 2)])?.currency_code).toBe("eur")
    expect(mainPrediction([row("usd", 100, 2), row("eur", 100, 2), row("gbp", 100, 2)])?.currency_code).toBe("eur")
    // pg hands real columns back as numbers, numeric ones as strings: both compare as numbers.
    expect(mainPrediction([row("eur", "99.5", "3"), row("usd", "100", "1")])?.currency_code).toBe("usd")
  })

  it("gives every field by name, null without a row", () => {
    const values = predictionValues(row("eur", 120, 3, { churn_risk: 0.7, churn_risk_band: "high", expected_next_order_at: new Date(0) }))
    expect(Object.keys(values).sort()).toEqual([...PREDICTION_FIELDS].sort())
    expect(values).toMatchObject({ churn_risk: 0.7, churn_risk_band: "high", historic_value: 120, prediction_currency_code: "eur", predicted_lifetime_value: null })
    expect(Object.values(predictionValues(null)).every((v) => v === null)).toBe(true)
  })

  it("adds a lead's purchase propensity from its own row, as numbers", () => {
    const values = predictionValues(null, { probability: "0.125", percentile: 92.5 })
    expect(values).toMatchObject({ purchase_propensity: 0.125, purchase_propensity_percentile: 92.5, churn_risk: null })
    expect(predictionValues(null, { probability: 0.2, percentile: null }).purchase_propensity_percentile).toBeNull()
  })
})

describe("the prediction field catalog", () => {
  it("offers the bands of the model, and is part of the fit rules' fields", () => {
    expect(PREDICTION_CATALOG.churn_risk_band.values).toEqual(CHURN_RISK_BANDS)
    expect(PREDICTION_CATALOG.expected_next_order_at.type).toBe("date")
    for (const field of PREDICTION_FIELDS) expect(FIT_FIELDS[field]).toBe(PREDICTION_CATALOG[field])
    expect(validateScoringRule({ name: "Risky", kind: "fit", points: 5, conditions: { field: "churn_risk_band", operator: "eq", value: "high" } })).toEqual([])
    expect(validateScoringRule({ name: "Risky", kind: "fit", points: 5, conditions: { field: "churn_risk", operator: "contains", value: "x" } })).toEqual([
      expect.objectContaining({ path: "conditions.operator" }),
    ])
  })

  it("needs the contact row's alias, and reads the table it is given", () => {
    expect(() => compileCondition({ field: "churn_risk", operator: "gt", value: 0.5 }, PREDICTION_CATALOG)).toThrow(/alias/)
    const catalog = predictionCatalog("test_schema.predictions")
    const { sql } = compileCondition({ field: "churn_risk", operator: "gt", value: 0.5 }, catalog, { alias: "t" })
    expect(sql).toContain("FROM test_schema.predictions mma_pred WHERE mma_pred.contact_id = t.id")
    expect(() => predictionCatalog("x; DROP TABLE y")).toThrow(/Invalid table/)
    const propensity = compileCondition({ field: "purchase_propensity_percentile", operator: "gte", value: 90 }, predictionCatalog("s.p", "id", "s.leads"), { alias: "t" })
    expect(propensity.sql).toContain("FROM s.leads mma_prop WHERE mma_prop.contact_id = t.id")
    expect(() => predictionCatalog("s.p", "id", "x; DROP TABLE y")).toThrow(/Invalid table/)
  })

  it("evaluates in TS on a record that carries the values", () => {
    const catalog = mergeCatalogs(CONTACT_FIELDS, PREDICTION_CATALOG)
    const now = new Date("2026-06-01T00:00:00Z")
    const record = { country_code: "fr", ...predictionValues(row("eur", 50, 2, { churn_risk_band: "high", predicted_lifetime_value_percentile: 85, expected_next_order_at: "2026-06-10T00:00:00Z" })) }
    const tree = { and: [{ field: "churn_risk_band", operator: "eq", value: "high" }, { field: "predicted_lifetime_value_percentile", operator: "gte", value: 80 }] } as const
    expect(evaluateCondition(tree as any, record, catalog, now)).toBe(true)
    expect(evaluateCondition({ field: "expected_next_order_at", operator: "within_next", value: { days: 14 } }, record, catalog, now)).toBe(true)
    expect(evaluateCondition({ field: "expected_next_order_at", operator: "within_next", value: { days: 7 } }, record, catalog, now)).toBe(false)
    // A contact without predictions matches no test on them, as in SQL.
    expect(evaluateCondition({ field: "churn_risk_band", operator: "neq", value: "high" }, { ...predictionValues(null) }, catalog, now)).toBe(false)
  })

  it("tells which trees read a prediction field", () => {
    expect(readsPredictions({ and: [{ field: "country_code", operator: "eq", value: "fr" }, { not: { field: "churn_risk", operator: "gt", value: 0.5 } }] })).toBe(true)
    expect(readsPredictions({ or: [{ field: "country_code", operator: "eq", value: "fr" }] })).toBe(false)
    expect(readsPredictions(null)).toBe(false)
  })
})

describe("prediction template variables", () => {
  it("are dates as ISO strings and numbers, with the issue's predicted_next_order_at", () => {
    const vars = predictionVariables({ expected_next_order_at: new Date("2026-07-01T00:00:00Z"), churn_risk: "0.25", churn_risk_band: "low", prediction_currency_code: "eur" })
    expect(vars).toMatchObject({
      expected_next_order_at: "2026-07-01T00:00:00.000Z",
      predicted_next_order_at: "2026-07-01T00:00:00.000Z",
      churn_risk: 0.25,
      churn_risk_band: "low",
      predicted_lifetime_value: null,
    })
    expect(Object.values(predictionVariables(undefined)).every((v) => v === null)).toBe(true)
  })
})
