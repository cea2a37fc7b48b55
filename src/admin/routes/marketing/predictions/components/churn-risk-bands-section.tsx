import { Container, Text } from "@medusajs/ui"
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis } from "recharts"
import { AXIS_PROPS, CHART_GRID, ChartFrame, ChartTooltip, formatCompact, formatPercent } from "../../../../components/charts"
import { SectionHeader } from "../../../../components/section-header"
import {
  CHURN_RISK_BAND_LABELS,
  churnRiskBandRange,
  type ChurnRiskBand,
} from "../../../../lib/predictions"

const BAND_FILL: Record<ChurnRiskBand, string> = {
  low: "var(--tag-green-icon)",
  medium: "var(--tag-orange-icon)",
  high: "var(--tag-red-icon)",
}

/** How the currency's customers spread over the churn risk bands. */
export const ChurnRiskBandsSection = ({ bands }: { bands: { band: ChurnRiskBand; count: number }[] }) => {
  const total = bands.reduce((s, b) => s + b.count, 0)
  const data = bands.map((b) => ({ ...b, label: CHURN_RISK_BAND_LABELS[b.band] }))
  return (
    <Container className="divide-y p-0" data-testid="predictions-churn-bands">
      <SectionHeader
        title="Churn risk"
        description="Customers per band: the chance the model gives that they stopped buying for good."
      />
      <div className="px-4 py-4">
        <ChartFrame height={200} ariaLabel="Customers per churn risk band" testId="predictions-churn-chart">
          <BarChart data={data} margin={{ top: 8, right: 12, bottom: 0, left: 4 }}>
            <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" vertical={false} />
            <XAxis dataKey="label" {...AXIS_PROPS} />
            <YAxis {...AXIS_PROPS} width={48} tickFormatter={formatCompact} allowDecimals={false} />
            <Tooltip
              cursor={{ fill: "var(--bg-base-hover)" }}
              content={({ active, payload, label }) => (
                <ChartTooltip
                  active={active}
                  payload={payload}
                  label={label}
                  formatValue={(value) => `${new Intl.NumberFormat().format(value)} (${formatPercent(total ? value / total : null)})`}
                />
              )}
            />
            <Bar dataKey="count" name="Customers" isAnimationActive={false}>
              {data.map((b) => (
                <Cell key={b.band} fill={BAND_FILL[b.band]} />
              ))}
            </Bar>
          </BarChart>
        </ChartFrame>
        <ul className="flex flex-wrap gap-x-4 gap-y-1 px-2 pt-2">
          {bands.map((b) => (
            <li key={b.band} data-testid={`predictions-churn-band-${b.band}`}>
              <Text size="xsmall" className="text-ui-fg-subtle">
                {CHURN_RISK_BAND_LABELS[b.band]} ({churnRiskBandRange(b.band)}):{" "}
                <span className="text-ui-fg-base tabular-nums">{new Intl.NumberFormat().format(b.count)}</span>
              </Text>
            </li>
          ))}
        </ul>
      </div>
    </Container>
  )
}
