import { Bar, CartesianGrid, ComposedChart, Legend, Line, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_CURSOR,
  CHART_GRID,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
  formatCompact,
  formatCount,
  formatMoney,
  seriesColor,
} from "../../../../components/charts"
import { channelLabel } from "../../../../lib/channels"
import type { ChannelsReportResponse } from "../../../../lib/reports"

export type ChannelTotals = { channel: string; label: string; new_customers: number; spend: number; cac: number | null }

/**
 * The period's months added up per channel in one currency: new customers,
 * spend, and CAC = spend / new customers (null without a new customer).
 */
export const channelTotals = (report: ChannelsReportResponse, currency: string | null): ChannelTotals[] => {
  const byChannel = new Map<string, ChannelTotals>()
  for (const row of report.months) {
    const entry =
      byChannel.get(row.channel) ??
      { channel: row.channel, label: channelLabel(row.channel), new_customers: 0, spend: 0, cac: null }
    entry.new_customers += row.new_customers
    entry.spend += currency ? row.spend.find((s) => s.currency_code.toLowerCase() === currency)?.amount ?? 0 : 0
    byChannel.set(row.channel, entry)
  }
  return Array.from(byChannel.values())
    .map((entry) => ({ ...entry, cac: entry.new_customers ? entry.spend / entry.new_customers : null }))
    .sort((a, b) => b.new_customers - a.new_customers || a.label.localeCompare(b.label))
}

/** New customers (bars) and CAC (line, in the picked currency) per channel. */
export const ChannelsChart = ({ totals, currency }: { totals: ChannelTotals[]; currency: string | null }) => (
  <ChartFrame height={260} testId="dashboard-channels-chart" ariaLabel="New customers and cost of acquisition per channel">
    <ComposedChart data={totals} margin={{ top: 8, right: 4, bottom: 0, left: 4 }}>
      <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" vertical={false} />
      <XAxis dataKey="label" {...AXIS_PROPS} interval={0} tick={{ ...CHART_TEXT, fontSize: 10 }} />
      <YAxis yAxisId="customers" {...AXIS_PROPS} width={40} allowDecimals={false} tickFormatter={formatCompact} />
      <YAxis
        yAxisId="cac"
        orientation="right"
        {...AXIS_PROPS}
        width={60}
        tickFormatter={(value: number) => formatMoney(value, currency, true)}
      />
      <Tooltip
        cursor={{ fill: CHART_CURSOR }}
        content={({ active, payload, label }) => (
          <ChartTooltip
            active={active}
            payload={payload}
            label={label}
            formatValue={(value, name) => (name === "CAC" ? formatMoney(value, currency) : formatCount(value))}
          />
        )}
      />
      <Legend iconType="circle" iconSize={8} wrapperStyle={{ ...CHART_TEXT, fontSize: 12 }} />
      <Bar yAxisId="customers" dataKey="new_customers" name="New customers" fill={seriesColor(1)} radius={[2, 2, 0, 0]} isAnimationActive={false} />
      <Line
        yAxisId="cac"
        dataKey="cac"
        name="CAC"
        stroke={seriesColor(2)}
        strokeWidth={2}
        connectNulls={false}
        dot={{ r: 3 }}
        isAnimationActive={false}
      />
    </ComposedChart>
  </ChartFrame>
)
