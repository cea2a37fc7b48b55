import { sdk } from "../../lib/sdk"
import { queryHook } from "./utils"

/** One weight of the propensity model, strongest first. */
export type PropensityWeight = {
  feature: string
  words: string
  /** "viewed 3+ products in 7 days: ×2.4 odds" */
  label: string
  odds_ratio: number
  low: number
  high: number
}

export type PropensityWindow = { from: string; leads: number; first_buyers: number }

export type PropensityFit = {
  id: string
  status: "fitted" | "insufficient" | "failed"
  missing: string | null
  error: string | null
  fitted_at: string
  auc: number | null
  base_rate: number | null
  training: PropensityWindow
  evaluation: PropensityWindow
  scored_leads: number
  weights: PropensityWeight[]
  left_out: { feature: string; words: string }[]
}

export type PropensityResponse = { propensity: PropensityFit | null }

export type SendTimeDay = { weekday: number; label: string; hours: number[] }

export type SendTimes = {
  computed_at: string
  engagements: number
  contacts: number
  prior_weight: number
  history_days: number
  best_hour: number | null
  best_hour_label: string | null
  days: SendTimeDay[]
}

export type SendTimesResponse = { send_times: SendTimes | null }

export const leadPredictionQueryKeys = {
  all: ["marketing", "lead_predictions"] as const,
  propensity: () => ["marketing", "lead_predictions", "propensity"] as const,
  sendTimes: () => ["marketing", "lead_predictions", "send_times"] as const,
}

export const fetchPropensity = () => sdk.client.fetch<PropensityResponse>("/admin/marketing/predictions/propensity")
export const fetchSendTimes = () => sdk.client.fetch<SendTimesResponse>("/admin/marketing/predictions/send-times")

/** The latest purchase propensity fit (null before the first). */
export const usePropensity = queryHook(leadPredictionQueryKeys.propensity(), fetchPropensity)

/** The store's send-time heat map (null before the first nightly run). */
export const useSendTimes = queryHook(leadPredictionQueryKeys.sendTimes(), fetchSendTimes)
