import { formatCount } from "../../lib/format"

/**
 * The look every chart shares, from the admin's CSS variables, so charts
 * follow the light and dark themes like the rest of the UI.
 */
export const CHART_TEXT = {
  fill: "var(--fg-muted)",
  fontSize: 11,
  fontFamily: "inherit",
} as const

export const CHART_GRID = "var(--border-base)"
export const CHART_PRIMARY = "var(--fg-interactive)"
export const CHART_PRIMARY_HOVER = "var(--fg-interactive-hover)"
export const CHART_CURSOR = "var(--bg-base-hover)"

/** Series colours, in order: one per flow, per stage, per measure. */
export const SERIES_COLORS = [
  "var(--tag-blue-icon)",
  "var(--tag-green-icon)",
  "var(--tag-orange-icon)",
  "var(--tag-purple-icon)",
  "var(--tag-red-icon)",
  "var(--fg-interactive)",
  "var(--tag-neutral-icon)",
] as const

export const seriesColor = (index: number) => SERIES_COLORS[index % SERIES_COLORS.length]

/** Props for every axis: muted small text, no tick lines. */
export const AXIS_PROPS = {
  tick: CHART_TEXT,
  tickLine: false,
  axisLine: { stroke: CHART_GRID },
} as const

export { formatCount }

const compactFormatter = new Intl.NumberFormat(undefined, { notation: "compact", maximumFractionDigits: 1 })

/** An axis count: 1.2K rather than 1,200. */
export const formatCompact = (value: number) => compactFormatter.format(value)

/** Money on an axis or in a tooltip: $1.2K on axes (`compact`), $1,234.50 elsewhere. */
export const formatMoney = (value: number | null | undefined, currency: string | null | undefined, compact = false) => {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return "–"
  }
  const options: Intl.NumberFormatOptions = compact ? { notation: "compact", maximumFractionDigits: 1 } : {}
  if (currency && currency.length === 3) {
    try {
      return new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase(), ...options }).format(value)
    } catch {
      // An unknown code: a plain number below.
    }
  }
  return new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, ...options }).format(value)
}

/** A rate (0..1) as a percentage; "–" when there was nothing to divide by. */
export const formatPercent = (value: number | null | undefined, digits = 1) =>
  value === null || value === undefined || !Number.isFinite(value)
    ? "–"
    : new Intl.NumberFormat(undefined, { style: "percent", maximumFractionDigits: digits }).format(value)

/** A UTC day (YYYY-MM-DD) on an axis: "Dec 6". */
export const formatDayTick = (day: string) => {
  const at = new Date(`${day}T00:00:00Z`)
  return Number.isNaN(at.getTime())
    ? day
    : at.toLocaleDateString(undefined, { month: "short", day: "numeric", timeZone: "UTC" })
}

/** A month (YYYY-MM) on an axis: "Dec 2026". */
export const formatMonthTick = (month: string) => {
  const at = new Date(`${month}-01T00:00:00Z`)
  return Number.isNaN(at.getTime())
    ? month
    : at.toLocaleDateString(undefined, { month: "short", year: "numeric", timeZone: "UTC" })
}
