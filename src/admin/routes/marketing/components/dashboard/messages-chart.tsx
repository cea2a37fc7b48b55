import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_GRID,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
  formatCompact,
  formatCount,
  formatDayTick,
  seriesColor,
} from "../../../../components/charts"
import type { MessagesSeriesResponse } from "../../../../lib/reports"

const SERIES = [
  { key: "sent", name: "Sent" },
  { key: "opened", name: "Opened" },
  { key: "clicked", name: "Clicked" },
  { key: "bounced", name: "Bounced" },
] as const

/** Messages sent, opened, clicked and bounced per UTC day. */
export const MessagesChart = ({ report }: { report: MessagesSeriesResponse }) => (
  <ChartFrame height={260} testId="dashboard-messages-chart" ariaLabel="Messages sent, opened, clicked and bounced per day">
    <LineChart data={report.days} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
      <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" vertical={false} />
      <XAxis dataKey="day" {...AXIS_PROPS} tickFormatter={formatDayTick} minTickGap={24} />
      <YAxis {...AXIS_PROPS} width={44} allowDecimals={false} tickFormatter={formatCompact} />
      <Tooltip
        content={({ active, payload, label }) => (
          <ChartTooltip
            active={active}
            payload={payload}
            label={label}
            formatLabel={(value) => formatDayTick(String(value))}
            formatValue={(value) => formatCount(value)}
          />
        )}
      />
      <Legend iconType="circle" iconSize={8} wrapperStyle={{ ...CHART_TEXT, fontSize: 12 }} />
      {SERIES.map((series, index) => (
        <Line
          key={series.key}
          type="monotone"
          dataKey={series.key}
          name={series.name}
          stroke={seriesColor(index)}
          strokeWidth={2}
          dot={report.days.length <= 31 ? { r: 2 } : false}
          isAnimationActive={false}
        />
      ))}
    </LineChart>
  </ChartFrame>
)
