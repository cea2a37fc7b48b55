import { Bar, BarChart, CartesianGrid, Legend, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_CURSOR,
  CHART_GRID,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
  formatCompact,
  formatCount,
  seriesColor,
} from "../../../../components/charts"
import { humanize } from "../../../../lib/format"
import type { FunnelResponse } from "../../../../lib/reports"

/** Contacts per lifecycle stage now, beside the entries into each stage in the period. */
export const FunnelChart = ({ report }: { report: FunnelResponse }) => {
  const data = report.stages.map((stage) => ({ ...stage, label: humanize(stage.stage) }))
  return (
    <ChartFrame height={Math.max(180, data.length * 44 + 56)} testId="dashboard-funnel-chart" ariaLabel="Contacts per lifecycle stage">
      <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 4 }} barGap={2}>
        <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" horizontal={false} />
        <XAxis type="number" {...AXIS_PROPS} allowDecimals={false} tickFormatter={formatCompact} />
        <YAxis type="category" dataKey="label" {...AXIS_PROPS} width={110} tick={{ ...CHART_TEXT, fontSize: 12, fill: "var(--fg-subtle)" }} />
        <Tooltip
          cursor={{ fill: CHART_CURSOR }}
          content={({ active, payload, label }) => (
            <ChartTooltip active={active} payload={payload} label={label} formatValue={(value) => formatCount(value)} />
          )}
        />
        <Legend iconType="circle" iconSize={8} wrapperStyle={{ ...CHART_TEXT, fontSize: 12 }} />
        <Bar dataKey="contacts" name="Contacts now" fill={seriesColor(0)} radius={2} barSize={12} isAnimationActive={false} />
        <Bar dataKey="entered" name="Entered in the period" fill={seriesColor(1)} radius={2} barSize={12} isAnimationActive={false} />
      </BarChart>
    </ChartFrame>
  )
}
