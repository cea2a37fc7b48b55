/**
 * The reports' shapes (the contract with `/admin/marketing/reports/*`, kept in
 * the module) and what the dashboard does with them: periods, money per
 * currency, rates.
 */
export type {
  AbDecisionReport,
  ChannelsReportResponse,
  FlowDetailReportResponse,
  FlowReport,
  FlowsReportResponse,
  FunnelResponse,
  HoldoutReport,
  MessagesSeriesResponse,
  Money,
  RelevanceMetrics,
  ReportPeriod,
  RevenueSeriesResponse,
  StepReport,
  VariantReport,
} from "../../../modules/marketing/reports/types"

import type { Money } from "../../../modules/marketing/reports/types"

/** The period presets of the picker, in days; "custom" reads `from` and `to`. */
export const PERIOD_PRESETS = ["7", "30", "90"] as const
export type PeriodChoice = (typeof PERIOD_PRESETS)[number] | "custom"

export type ReportQuery = { from: string; to: string }

const DAY = 24 * 60 * 60 * 1000

/** YYYY-MM-DD of a UTC instant. */
export const isoDay = (at: Date) => at.toISOString().slice(0, 10)

/** The start of the UTC day after `at`. */
const nextUtcDay = (at: Date) =>
  new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() + 1))

/**
 * The query of a period: the last `days` whole UTC days, today included
 * (`to` is exclusive: tomorrow's first instant), or a custom range of days,
 * both ends included. Null while a custom range is incomplete or reversed.
 */
export const periodQuery = (
  choice: PeriodChoice,
  custom: { from?: string | null; to?: string | null },
  now = new Date()
): ReportQuery | null => {
  if (choice !== "custom") {
    const to = nextUtcDay(now)
    const from = new Date(to.getTime() - Number(choice) * DAY)
    return { from: to_iso(from), to: to_iso(to) }
  }
  const { from, to } = custom
  if (!from || !to || !/^\d{4}-\d{2}-\d{2}$/.test(from) || !/^\d{4}-\d{2}-\d{2}$/.test(to)) {
    return null
  }
  const start = new Date(`${from}T00:00:00Z`)
  const end = nextUtcDay(new Date(`${to}T00:00:00Z`))
  if (Number.isNaN(start.getTime()) || Number.isNaN(end.getTime()) || start >= end) {
    return null
  }
  return { from: to_iso(start), to: to_iso(end) }
}

const to_iso = (at: Date) => at.toISOString()

/** The amount in one currency of a per-currency list (0 when absent). */
export const amountIn = (
  list: { currency_code: string; amount: number | null }[] | undefined,
  currency: string | null | undefined
): number | null => {
  if (!list || !currency) {
    return null
  }
  const found = list.find((entry) => entry.currency_code.toLowerCase() === currency.toLowerCase())
  return found ? found.amount : null
}

/** Every currency a list of per-currency lists mentions, sorted. */
export const currenciesOf = (lists: (Money[] | { currency_code: string }[])[]) =>
  Array.from(new Set(lists.flatMap((list) => list.map((entry) => entry.currency_code.toLowerCase())))).sort()
