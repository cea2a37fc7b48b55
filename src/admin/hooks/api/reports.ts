import { reportQueryKeys } from "../../lib/query-key"
import type {
  ChannelsReportResponse,
  FlowDetailReportResponse,
  FlowsReportResponse,
  FunnelResponse,
  MessagesSeriesResponse,
  ReportQuery,
  RevenueSeriesResponse,
} from "../../lib/reports"
import { sdk } from "../../lib/sdk"
import { clean, path, useQueryById, useSpreadQuery, type QueryOptions } from "./utils"

const REPORTS = "/admin/marketing/reports"

// Requests

export const fetchFlowsReport = (query: ReportQuery) =>
  sdk.client.fetch<FlowsReportResponse>(`${REPORTS}/flows`, { query: clean(query) })

export const fetchFlowReport = (id: string, query?: Partial<ReportQuery>) =>
  sdk.client.fetch<FlowDetailReportResponse>(path(`${REPORTS}/flows`, id), { query: clean(query) })

export const fetchMessagesSeries = (query: ReportQuery) =>
  sdk.client.fetch<MessagesSeriesResponse>(`${REPORTS}/messages`, { query: clean(query) })

export const fetchRevenueSeries = (query: ReportQuery & { currency_code?: string | null }) =>
  sdk.client.fetch<RevenueSeriesResponse>(`${REPORTS}/revenue`, { query: clean(query) })

export const fetchFunnel = (query: ReportQuery) =>
  sdk.client.fetch<FunnelResponse>(`${REPORTS}/funnel`, { query: clean(query) })

export const fetchChannelsReport = (query: ReportQuery) =>
  sdk.client.fetch<ChannelsReportResponse>(`${REPORTS}/channels`, { query: clean(query) })

// Queries: one per report, keyed by its period (and currency). A null query
// (an incomplete custom period) waits. Reports are read-only: a minute fresh.

const STALE = 60_000

const reportHook =
  <TQuery extends object, TResponse>(
    key: (query?: object) => readonly unknown[],
    fetch: (query: TQuery) => Promise<TResponse>
  ) =>
  (query: TQuery | null, options?: QueryOptions<TResponse>) => {
    const cleaned = (clean(query ?? undefined) ?? {}) as TQuery
    return useSpreadQuery<TResponse>(
      { queryKey: key(cleaned), queryFn: () => fetch(cleaned), staleTime: STALE },
      options,
      !!query
    )
  }

export const useFlowsReport = reportHook(reportQueryKeys.flows, fetchFlowsReport)
export const useMessagesSeries = reportHook(reportQueryKeys.messages, fetchMessagesSeries)
export const useRevenueSeries = reportHook(reportQueryKeys.revenue, fetchRevenueSeries)
export const useFunnel = reportHook(reportQueryKeys.funnel, fetchFunnel)
export const useChannelsReport = reportHook(reportQueryKeys.channels, fetchChannelsReport)

/** One flow's performance: its metrics, per step and variant, holdouts and A/B decisions. */
export const useFlowReport = (
  id: string | undefined,
  query?: Partial<ReportQuery>,
  options?: QueryOptions<FlowDetailReportResponse>
) =>
  useQueryById(
    id,
    {
      key: (flowId) => reportQueryKeys.flow(flowId, clean(query)),
      fetch: (flowId) => fetchFlowReport(flowId, query),
    },
    options,
    { staleTime: STALE }
  )
