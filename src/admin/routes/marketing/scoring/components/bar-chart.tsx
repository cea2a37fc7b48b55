import { Bar, BarChart as RBarChart, CartesianGrid, Cell, LabelList, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_CURSOR,
  CHART_GRID,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
  formatCompact,
  formatCount,
} from "../../../../components/charts"
import { contactsLabel } from "./use-element-width"

export type BarChartItem = {
  key: string
  label: string
  count: number
  /** A CSS colour, e.g. `var(--tag-green-icon)`. */
  color: string
}

type BarChartProps = {
  items: BarChartItem[]
  /** What the bars count, for the axis and the hover text. */
  valueLabel?: string
  ariaLabel: string
  testId?: string
}

const ROW_HEIGHT = 26

/**
 * A horizontal bar chart: one row per category, its count at the end of the
 * bar, and the share of the total on hover.
 */
export const BarChart = ({ items, valueLabel = "Contacts", ariaLabel, testId }: BarChartProps) => {
  const total = items.reduce((sum, item) => sum + item.count, 0)
  const share = (count: number) => (total ? Math.round((count / total) * 100) : 0)
  return (
    <ChartFrame height={items.length * ROW_HEIGHT + 44} testId={testId} ariaLabel={ariaLabel}>
      <RBarChart data={items} layout="vertical" margin={{ top: 4, right: 48, bottom: 16, left: 4 }} barSize={14}>
        <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" horizontal={false} />
        <XAxis
          type="number"
          {...AXIS_PROPS}
          allowDecimals={false}
          tickFormatter={formatCompact}
          label={{ value: valueLabel, position: "insideBottom", offset: -10, style: CHART_TEXT }}
        />
        <YAxis
          type="category"
          dataKey="label"
          {...AXIS_PROPS}
          tick={{ ...CHART_TEXT, fill: "var(--fg-subtle)", fontSize: 12 }}
          width={130}
        />
        <Tooltip
          cursor={{ fill: CHART_CURSOR }}
          content={({ active, payload }) => {
            const item = payload?.[0]?.payload as BarChartItem | undefined
            return (
              <ChartTooltip
                active={active}
                payload={payload}
                label={item?.label}
                formatValue={(value) =>
                  `${valueLabel === "Contacts" ? contactsLabel(value) : formatCount(value)} (${share(value)}%)`
                }
              />
            )
          }}
        />
        <Bar dataKey="count" name={valueLabel} radius={2} isAnimationActive={false}>
          {items.map((item) => (
            <Cell key={item.key} fill={item.color} data-key={item.key} data-count={item.count} />
          ))}
          <LabelList dataKey="count" position="right" formatter={(value: unknown) => formatCount(Number(value))} style={{ ...CHART_TEXT, fill: "var(--fg-base)" }} />
        </Bar>
      </RBarChart>
    </ChartFrame>
  )
}
