/** Churn risk bands, apart from the models so the admin and the field catalog read them without loading numeric. */
export const CHURN_RISK_BANDS = ["low", "medium", "high"] as const
export type ChurnRiskBand = (typeof CHURN_RISK_BANDS)[number]
