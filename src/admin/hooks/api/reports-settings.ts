import { sdk } from "../../lib/sdk"
import { queryKeysFactory } from "../../lib/query-key"
import {
  type MutationOptions,
  type QueryOptions,
  path,
  queryHook,
  useInvalidatingMutation,
  useListQuery,
} from "./utils"

/** One of the acquisition channels (reports/channels.ts). */
export type ChannelName = string

export type ChannelMapping = {
  field: "utm_source" | "utm_medium" | "utm_campaign" | "referrer_domain"
  value: string
  channel: ChannelName
}

export type ReportSettings = {
  id: string
  click_window_days: number
  open_window_days: number
  cost_per_email: number
  currency_code: string
  channel_mappings: ChannelMapping[]
}

export type ReportSettingsResponse = { report_settings: ReportSettings; channels: ChannelName[]; reclassified?: number }
export type UpdateReportSettingsBody = Partial<Omit<ReportSettings, "id">>

export type ChannelSpend = {
  id: string
  month: string
  channel: ChannelName
  amount: number
  currency_code: string
  utm_source: string | null
  utm_campaign: string | null
  note: string | null
  created_at: string
  updated_at: string
}
export type ChannelSpendBody = Omit<ChannelSpend, "id" | "created_at" | "updated_at">
export type ChannelSpendListParams = { limit?: number; offset?: number; from_month?: string; to_month?: string; channel?: string }
export type ChannelSpendListResponse = { spend: ChannelSpend[]; count: number; offset: number; limit: number }
export type ChannelSpendResponse = { spend: ChannelSpend }

const SETTINGS = "/admin/marketing/reports/settings"
const SPEND = "/admin/marketing/reports/spend"

const spendKeys = queryKeysFactory("channel_spend")
export const reportSettingsQueryKeys = {
  settings: () => ["marketing", "report_settings"] as const,
  spend: spendKeys,
  /** The channels report (CAC) reads spend and mappings: refreshed by every change here. */
  channelsReport: () => ["marketing", "reports", "channels"] as const,
}

export const fetchReportSettings = () => sdk.client.fetch<ReportSettingsResponse>(SETTINGS)
export const updateReportSettings = (body: UpdateReportSettingsBody) =>
  sdk.client.fetch<ReportSettingsResponse>(SETTINGS, { method: "POST", body })

export const useReportSettings = queryHook(reportSettingsQueryKeys.settings(), fetchReportSettings)

export const useUpdateReportSettings = (options?: MutationOptions<ReportSettingsResponse, UpdateReportSettingsBody>) =>
  useInvalidatingMutation(
    updateReportSettings,
    // Mappings re-classify contacts' channels.
    [reportSettingsQueryKeys.channelsReport(), ["marketing", "contact"]],
    options,
    { set: () => reportSettingsQueryKeys.settings() }
  )

const fetchSpend = (query?: Partial<ChannelSpendListParams>) => sdk.client.fetch<ChannelSpendListResponse>(SPEND, { query })

export const useChannelSpend = (query: ChannelSpendListParams, options?: QueryOptions<ChannelSpendListResponse>) =>
  useListQuery<ChannelSpendListResponse, ChannelSpendListParams>({ key: spendKeys.list, fetch: fetchSpend }, query, options)

const spendChanged = () => [spendKeys.all, reportSettingsQueryKeys.channelsReport()]

export const useCreateChannelSpend = (options?: MutationOptions<ChannelSpendResponse, ChannelSpendBody>) =>
  useInvalidatingMutation(
    (body: ChannelSpendBody) => sdk.client.fetch<ChannelSpendResponse>(SPEND, { method: "POST", body }),
    spendChanged(),
    options
  )

export const useUpdateChannelSpend = (
  options?: MutationOptions<ChannelSpendResponse, { id: string; body: Partial<ChannelSpendBody> }>
) =>
  useInvalidatingMutation(
    ({ id, body }: { id: string; body: Partial<ChannelSpendBody> }) =>
      sdk.client.fetch<ChannelSpendResponse>(path(SPEND, id), { method: "POST", body }),
    spendChanged(),
    options
  )

export const useDeleteChannelSpend = (options?: MutationOptions<{ id: string; deleted: boolean }, string>) =>
  useInvalidatingMutation(
    (id: string) => sdk.client.fetch<{ id: string; deleted: boolean }>(path(SPEND, id), { method: "DELETE" }),
    spendChanged(),
    options
  )
