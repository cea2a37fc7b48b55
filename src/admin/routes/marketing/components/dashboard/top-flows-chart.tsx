import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_CURSOR,
  CHART_GRID,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
} from "../../../../components/charts"

export type TopFlowItem = { flow_id: string; name: string; value: number }

type TopFlowsChartProps = {
  items: TopFlowItem[]
  color: string
  valueName: string
  format: (value: number) => string
  formatAxis: (value: number) => string
  testId: string
  ariaLabel: string
}

/** The best flows by one measure, highest first, as horizontal bars. */
export const TopFlowsChart = ({ items, color, valueName, format, formatAxis, testId, ariaLabel }: TopFlowsChartProps) => (
  <ChartFrame height={Math.max(120, items.length * 32 + 40)} testId={testId} ariaLabel={ariaLabel}>
    <BarChart data={items} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 4 }}>
      <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" horizontal={false} />
      <XAxis type="number" {...AXIS_PROPS} tickFormatter={formatAxis} />
      <YAxis type="category" dataKey="name" {...AXIS_PROPS} width={120} tick={{ ...CHART_TEXT, fontSize: 12, fill: "var(--fg-subtle)" }} />
      <Tooltip
        cursor={{ fill: CHART_CURSOR }}
        content={({ active, payload, label }) => (
          <ChartTooltip active={active} payload={payload} label={label} formatValue={(value) => format(value)} />
        )}
      />
      <Bar dataKey="value" name={valueName} fill={color} radius={2} barSize={14} isAnimationActive={false} />
    </BarChart>
  </ChartFrame>
)

/** The `limit` flows with the highest value, leaving out those without one. */
export const topFlows = <T extends { flow_id: string; name: string }>(
  flows: T[],
  valueOf: (flow: T) => number | null,
  limit = 5
): TopFlowItem[] =>
  flows
    .map((flow) => ({ flow_id: flow.flow_id, name: flow.name, value: valueOf(flow) }))
    .filter((item): item is TopFlowItem => item.value !== null && item.value > 0)
    .sort((a, b) => b.value - a.value || a.name.localeCompare(b.name))
    .slice(0, limit)
