import { Area, AreaChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_GRID,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
  formatDayTick,
  formatMoney,
  seriesColor,
} from "../../../../components/charts"
import type { RevenueSeriesResponse } from "../../../../lib/reports"

/** Attributed revenue per UTC day, one stacked area per flow, in one currency. */
export const RevenueChart = ({ report }: { report: RevenueSeriesResponse }) => {
  const currency = report.currency_code
  const data = report.days.map((day) => ({ day: day.day, ...day.flows }))
  return (
    <ChartFrame height={260} testId="dashboard-revenue-chart" ariaLabel={`Attributed revenue per flow in ${currency.toUpperCase()}`}>
      <AreaChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" vertical={false} />
        <XAxis dataKey="day" {...AXIS_PROPS} tickFormatter={formatDayTick} minTickGap={24} />
        <YAxis {...AXIS_PROPS} width={64} tickFormatter={(value: number) => formatMoney(value, currency, true)} />
        <Tooltip
          content={({ active, payload, label }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              label={label}
              hideZero
              formatLabel={(value) => formatDayTick(String(value))}
              formatValue={(value) => formatMoney(value, currency)}
            />
          )}
        />
        <Legend iconType="circle" iconSize={8} wrapperStyle={{ ...CHART_TEXT, fontSize: 12 }} />
        {report.flows.map((flow, index) => (
          <Area
            key={flow.flow_id}
            type="monotone"
            dataKey={flow.flow_id}
            name={flow.name}
            stackId="revenue"
            stroke={seriesColor(index)}
            fill={seriesColor(index)}
            fillOpacity={0.35}
            isAnimationActive={false}
          />
        ))}
      </AreaChart>
    </ChartFrame>
  )
}
