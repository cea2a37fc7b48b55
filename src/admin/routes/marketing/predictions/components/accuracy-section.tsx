import { Container, Heading, Table, Text } from "@medusajs/ui"
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts"
import {
  AXIS_PROPS,
  CHART_GRID,
  CHART_TEXT,
  ChartFrame,
  ChartTooltip,
  formatCompact,
  formatPercent,
  seriesColor,
} from "../../../../components/charts"
import { formatCount } from "../../../../lib/format"
import { backtestStartWeek, forecastDeviation, type Backtest } from "../../../../lib/predictions"
import { Figure } from "./figure"

type RanBacktest = Exclude<Backtest, { skipped: string }>

const FORECAST = seriesColor(0)
const ACTUAL = seriesColor(1)
const one = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 })
const two = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 })

const signed = (value: number | null) =>
  value === null ? "–" : `${value > 0 ? "+" : ""}${formatPercent(value)}`

/** How the fit did on this store: its forecast of weeks it did not see, against what happened. */
export const AccuracySection = ({ backtest }: { backtest: RanBacktest }) => {
  const weeks = backtest.holdout_weeks
  return (
    <Container className="divide-y p-0" data-testid="predictions-accuracy">
      <div className="flex flex-col px-6 py-4">
        <Heading level="h2">Accuracy</Heading>
        <Text size="small" className="text-ui-fg-subtle" data-testid="predictions-backtest-explained">
          The backtest fitted the models again without the last {weeks} weeks of orders, forecast those weeks for each of
          the {formatCount(backtest.customers)} customers who had ordered before them, and compared the forecast with the
          repeat orders they really placed.
        </Text>
      </div>
      <div className="grid grid-cols-2 gap-4 px-6 py-4">
        <Figure label={`Repeat orders forecast (${weeks} weeks)`} value={one.format(backtest.total.forecast)} testId="predictions-total-forecast" />
        <Figure label="Repeat orders placed" value={formatCount(backtest.total.actual)} testId="predictions-total-actual" />
        <Figure label="Forecast against placed" value={signed(forecastDeviation(backtest.total))} testId="predictions-deviation" />
        <Figure label="Mean error per customer (orders)" value={two.format(backtest.mean_absolute_error)} testId="predictions-mae" />
      </div>
      <div className="grid grid-cols-1 gap-4 px-4 py-4 lg:grid-cols-2">
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus" className="px-2">
            Cumulative repeat orders, forecast and placed
          </Text>
          <CumulativeChart backtest={backtest} />
        </div>
        <div className="flex flex-col gap-y-2">
          <Text size="small" weight="plus" className="px-2">
            By decile of forecast (1 = the 10% expected to order most), over the {weeks} weeks
          </Text>
          <DecileChart backtest={backtest} />
        </div>
      </div>
      <ByRepeatOrdersTable backtest={backtest} />
    </Container>
  )
}

/** The paper's tracking figure: cumulative repeat orders week by week, the backtest weeks marked. */
const CumulativeChart = ({ backtest }: { backtest: RanBacktest }) => {
  const start = backtestStartWeek(backtest)
  return (
    <ChartFrame height={260} testId="predictions-cumulative-chart" ariaLabel="Cumulative repeat orders, forecast and placed, per week">
      <LineChart data={backtest.cumulative} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
        <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" vertical={false} />
        <XAxis dataKey="week" type="number" domain={["dataMin", "dataMax"]} {...AXIS_PROPS} tickFormatter={(w: number) => `W${w}`} minTickGap={24} />
        <YAxis {...AXIS_PROPS} width={48} tickFormatter={formatCompact} />
        <Tooltip
          content={({ active, payload, label }) => (
            <ChartTooltip
              active={active}
              payload={payload}
              label={label}
              formatLabel={(week) => `Week ${String(week)}${start !== null && Number(week) >= start ? " (backtest)" : ""}`}
              formatValue={(value) => one.format(value)}
            />
          )}
        />
        <Legend iconType="circle" iconSize={8} wrapperStyle={{ ...CHART_TEXT, fontSize: 12 }} />
        {start !== null ? (
          <ReferenceLine x={start} stroke={CHART_GRID} strokeDasharray="4 4" label={{ value: "Backtest weeks", position: "insideTopLeft", ...CHART_TEXT }} />
        ) : null}
        <Line type="monotone" dataKey="actual" name="Placed" stroke={ACTUAL} dot={false} strokeWidth={2} isAnimationActive={false} />
        <Line type="monotone" dataKey="forecast" name="Forecast" stroke={FORECAST} dot={false} strokeWidth={2} strokeDasharray="5 3" isAnimationActive={false} />
      </LineChart>
    </ChartFrame>
  )
}

const DecileChart = ({ backtest }: { backtest: RanBacktest }) => (
  <ChartFrame height={260} testId="predictions-decile-chart" ariaLabel="Repeat orders forecast and placed, per decile of forecast">
    <BarChart data={backtest.deciles} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
      <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" vertical={false} />
      <XAxis dataKey="decile" {...AXIS_PROPS} />
      <YAxis {...AXIS_PROPS} width={48} tickFormatter={formatCompact} />
      <Tooltip
        cursor={{ fill: "var(--bg-base-hover)" }}
        content={({ active, payload, label }) => (
          <ChartTooltip
            active={active}
            payload={payload}
            label={label}
            formatLabel={(decile) => `Decile ${String(decile)}`}
            formatValue={(value) => one.format(value)}
          />
        )}
      />
      <Legend iconType="circle" iconSize={8} wrapperStyle={{ ...CHART_TEXT, fontSize: 12 }} />
      <Bar dataKey="forecast" name="Forecast" fill={FORECAST} isAnimationActive={false} />
      <Bar dataKey="actual" name="Placed" fill={ACTUAL} isAnimationActive={false} />
    </BarChart>
  </ChartFrame>
)

/** The paper's conditional expectations: customers grouped by their repeat orders before the backtest weeks. */
const ByRepeatOrdersTable = ({ backtest }: { backtest: RanBacktest }) => (
  <div className="flex flex-col gap-y-2 py-4">
    <Text size="small" weight="plus" className="px-6">
      By repeat orders before the backtest weeks: average repeat orders per customer in them
    </Text>
    <Table data-testid="predictions-by-repeat-orders">
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Repeat orders before</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Customers</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Forecast per customer</Table.HeaderCell>
          <Table.HeaderCell className="text-right">Placed per customer</Table.HeaderCell>
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {backtest.by_repeat_orders.map((row) => (
          <Table.Row key={row.repeat_orders}>
            <Table.Cell>{row.repeat_orders}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{formatCount(row.customers)}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{two.format(row.forecast / row.customers)}</Table.Cell>
            <Table.Cell className="text-right tabular-nums">{two.format(row.actual / row.customers)}</Table.Cell>
          </Table.Row>
        ))}
      </Table.Body>
    </Table>
  </div>
)
