// Churn risk bands, with no import: the admin bundle reads them, and the models' files load numeric at import.

/**
 * Churn risk bands cut the risk in thirds: under 1/3 low, from 1/3 medium,
 * from 2/3 high. These are the bands Klaviyo shows (low under 33%, medium
 * 33-66%, high over 66%), so owners moving from it read ours the same way,
 * though Klaviyo's risk is "no order in the next 90 days" and ours is the
 * model's 1 − P(active).
 */
export const CHURN_RISK_MEDIUM_FROM = 1 / 3
export const CHURN_RISK_HIGH_FROM = 2 / 3
export const CHURN_RISK_BANDS = ["low", "medium", "high"] as const
export type ChurnRiskBand = (typeof CHURN_RISK_BANDS)[number]

export function churnRiskBand(churnRisk: number): ChurnRiskBand {
  return churnRisk >= CHURN_RISK_HIGH_FROM ? "high" : churnRisk >= CHURN_RISK_MEDIUM_FROM ? "medium" : "low"
}
