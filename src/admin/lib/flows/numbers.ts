/**
 * Each step's numbers as the canvas writes them, from
 * `GET /admin/marketing/flows/:id/stats` (who went through) and
 * `GET /admin/marketing/reports/flows/:id` (what the emails earned, the same
 * report the Performance section shows). Pure, unit tested.
 */
import { formatAmount, formatCount } from "../format"
import type { FlowGraphEdge } from "./layout"
import type { FlowStep, FlowStepStats } from "./types"

/** Whole percent of `whole`; 0 when there is none. */
export const percentOf = (part: number, whole: number) =>
  whole > 0 ? Math.round((part / whole) * 100) : 0

/** "12 entered · 3 waiting", then for emails "10 sent · 4 opened (40%) · 1 clicked (10%)" and the variants. */
export const stepNumberLines = (step: FlowStep, stats: FlowStepStats | undefined): string[] => {
  if (!stats) return []
  const lines = [
    [`${formatCount(stats.entered)} entered`, stats.waiting ? `${formatCount(stats.waiting)} waiting` : ""]
      .filter(Boolean)
      .join(" · "),
  ]
  if (step.type === "send_email") {
    lines.push(
      `${formatCount(stats.sent)} sent · ${formatCount(stats.opened)} opened (${percentOf(stats.opened, stats.sent)}%) · ${formatCount(
        stats.clicked
      )} clicked (${percentOf(stats.clicked, stats.sent)}%)`
    )
    const variants = Object.entries(stats.variants).sort(([a], [b]) => a.localeCompare(b))
    if (variants.length) {
      lines.push(variants.map(([key, n]) => `${key === "holdout" ? "Holdout" : key.toUpperCase()} ${formatCount(n)}`).join(" · "))
    }
  }
  return lines
}

/** An edge's label with how many took the branch: "Yes · 12". */
export const edgeLabel = (edge: FlowGraphEdge, stats: Record<string, FlowStepStats> | undefined) => {
  if (!edge.branch) return edge.label
  const taken = stats?.[edge.source]?.branches[edge.branch]
  return stats ? `${edge.label} · ${formatCount(taken ?? 0)}` : edge.label
}

/** What a send step earned over the report's period, from its step report. */
export type StepEarnings = {
  conversions: number
  revenue: { currency_code: string; amount: number }[]
}

/**
 * "Last 30 days: 2 conversions · €240.00 · $50.00", or null when the step
 * earned nothing in the period (or has no report). Currencies stay apart.
 */
export const stepEarningsLine = (report: StepEarnings | undefined, days: string): string | null => {
  if (!report) return null
  const revenue = report.revenue.filter((r) => r.amount > 0)
  if (!report.conversions && !revenue.length) return null
  const parts = [
    `${formatCount(report.conversions)} ${report.conversions === 1 ? "conversion" : "conversions"}`,
    ...revenue.map((r) => formatAmount(r.amount, r.currency_code) ?? String(r.amount)),
  ]
  return `Last ${days} days: ${parts.join(" · ")}`
}
