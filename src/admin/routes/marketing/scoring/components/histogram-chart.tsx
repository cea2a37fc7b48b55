import { Bar, BarChart as RBarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_CURSOR,
  CHART_GRID,
  CHART_PRIMARY,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
  formatCompact,
} from "../../../../components/charts"
import type { HistogramBucket } from "../../../../lib/types"
import { contactsLabel } from "./use-element-width"

type HistogramChartProps = {
  buckets: HistogramBucket[]
  /** The x axis title, e.g. "Acquisition score". */
  xLabel: string
  testId?: string
  height?: number
}

const boundFormatter = new Intl.NumberFormat(undefined, {
  maximumFractionDigits: 1,
})

const formatBound = (value: number) => boundFormatter.format(value)

const rangeOf = (bucket: HistogramBucket) =>
  bucket.from === bucket.to ? formatBound(bucket.from) : `${formatBound(bucket.from)} to ${formatBound(bucket.to)}`

/**
 * A histogram: one bar per score range (`from`..`to`, both included),
 * contacts on the y axis. Hovering a column shows its range and count.
 */
export const HistogramChart = ({ buckets, xLabel, testId, height = 220 }: HistogramChartProps) => {
  const total = buckets.reduce((sum, bucket) => sum + bucket.count, 0)
  const data = buckets.map((bucket) => ({ ...bucket, start: formatBound(bucket.from), range: rangeOf(bucket) }))
  return (
    <ChartFrame height={height} testId={testId} ariaLabel={`${xLabel} distribution of ${contactsLabel(total)}`}>
      <RBarChart data={data} margin={{ top: 12, right: 12, bottom: 20, left: 4 }} barCategoryGap={2}>
        <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" vertical={false} />
        <XAxis
          dataKey="start"
          {...AXIS_PROPS}
          interval="preserveStartEnd"
          label={{ value: xLabel, position: "insideBottom", offset: -12, style: CHART_TEXT }}
        />
        <YAxis
          {...AXIS_PROPS}
          allowDecimals={false}
          width={44}
          tickFormatter={formatCompact}
          label={{ value: "Contacts", angle: -90, position: "insideLeft", offset: 10, style: { ...CHART_TEXT, textAnchor: "middle" } }}
        />
        <Tooltip
          cursor={{ fill: CHART_CURSOR }}
          content={({ active, payload }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              label={payload?.[0]?.payload?.range}
              formatValue={(value) => contactsLabel(value)}
            />
          )}
        />
        <Bar dataKey="count" name="Contacts" radius={[2, 2, 0, 0]} minPointSize={(value) => (Number(value) > 0 ? 3 : 0)} isAnimationActive={false}>
          {data.map((bucket) => (
            <Cell key={`${bucket.from}-${bucket.to}`} fill={CHART_PRIMARY} data-count={bucket.count} />
          ))}
        </Bar>
      </RBarChart>
    </ChartFrame>
  )
}
