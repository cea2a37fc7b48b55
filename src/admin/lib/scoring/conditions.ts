import { humanize } from "../format"
import type {
  ConditionFieldType,
  ConditionOperator,
  ScoringField,
} from "../types"
// The server's own tables (a Medusa-free module), so the lists never drift.
import {
  OPERATORS_BY_TYPE as SERVER_OPERATORS_BY_TYPE,
  RELATIVE_DATE_OPERATORS as SERVER_RELATIVE_DATE_OPERATORS,
} from "../../../modules/marketing/conditions/types"

/** Which operators apply to which field type: the server's own table. */
export const OPERATORS_BY_TYPE = Object.fromEntries(
  Object.entries(SERVER_OPERATORS_BY_TYPE).map(([type, operators]) => [type, [...operators]])
) as Record<ConditionFieldType, ConditionOperator[]>

/** Every operator the editor knows. */
export const ALL_OPERATORS = new Set<string>(
  Object.values(OPERATORS_BY_TYPE).flat()
)

export const RELATIVE_DATE_OPERATORS: ConditionOperator[] = [
  ...SERVER_RELATIVE_DATE_OPERATORS,
]

export const isRelativeDateOperator = (operator: string) =>
  (RELATIVE_DATE_OPERATORS as string[]).includes(operator)

export const isListOperator = (operator: string) =>
  operator === "in" || operator === "not_in"

export const isPresenceOperator = (operator: string) =>
  operator === "exists" || operator === "not_exists"

/** Relative dates look at most 100 years away; anniversaries a year ahead. */
export const maxDaysFor = (operator: string) =>
  operator === "anniversary_within_next" ? 366 : 36500

const OPERATOR_LABELS: Record<ConditionOperator, string> = {
  eq: "is",
  neq: "is not",
  in: "is one of",
  not_in: "is none of",
  contains: "contains",
  starts_with: "starts with",
  gt: "is greater than",
  gte: "is at least",
  lt: "is less than",
  lte: "is at most",
  between: "is between",
  exists: "is set",
  not_exists: "is not set",
  within_last: "is in the last … days",
  before_last: "is more than … days ago",
  within_next: "is in the next … days",
  anniversary_within_next: "has its anniversary in the next … days",
}

const DATE_OPERATOR_LABELS: Partial<Record<ConditionOperator, string>> = {
  gt: "is after",
  gte: "is on or after",
  lt: "is before",
  lte: "is on or before",
}

export const getOperatorLabel = (
  operator: ConditionOperator,
  type?: ConditionFieldType
) =>
  (type === "date" ? DATE_OPERATOR_LABELS[operator] : undefined) ??
  OPERATOR_LABELS[operator] ??
  operator

const FIELD_LABELS: Record<string, string> = {
  country_code: "Country",
  device_type: "Device",
  os: "Operating system",
  first_utm_source: "First UTM source",
  first_utm_medium: "First UTM medium",
  first_utm_campaign: "First UTM campaign",
  last_utm_source: "Latest UTM source",
  last_utm_medium: "Latest UTM medium",
  last_utm_campaign: "Latest UTM campaign",
  first_channel: "First channel",
  last_channel: "Latest channel",
  locale: "Language",
  timezone: "Time zone",
  // Predictions: the contact's main currency (the README's "Prediction fields").
  predicted_orders_365: "Predicted orders (365 days)",
  predicted_value_365: "Predicted value (365 days)",
  predicted_lifetime_value_percentile: "Predicted lifetime value percentile (0–100)",
  expected_next_order_at: "Expected next order",
  prediction_currency_code: "Prediction currency",
  purchase_propensity: "Purchase propensity (0–1, first order in 30 days)",
  purchase_propensity_percentile: "Purchase propensity percentile among leads (0–100)",
}

const PROPERTY_PREFIX = "properties."

/** "Category" for `properties.category`, "Country" for `country_code`. */
export const getFieldLabel = (name: string) => {
  if (FIELD_LABELS[name]) {
    return FIELD_LABELS[name]
  }
  if (name.startsWith(PROPERTY_PREFIX)) {
    return name
      .slice(PROPERTY_PREFIX.length)
      .split(".")
      .map((part) => humanize(part))
      .join(" › ")
  }
  return humanize(name)
}

const CUSTOM_PROPERTY_PATH = /^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+){0,2}$/

/**
 * Custom events carry whatever the store sends, so their rules may test any
 * property (one to three levels, e.g. `properties.plan`), compared as text.
 */
export const customPropertyField = (name: string): ScoringField | undefined =>
  name.startsWith(PROPERTY_PREFIX) &&
  CUSTOM_PROPERTY_PATH.test(name.slice(PROPERTY_PREFIX.length))
    ? { name, type: "string" }
    : undefined

export { PROPERTY_PREFIX }
