import { Badge, Container, Heading, Select, Table, Text, clx } from "@medusajs/ui"
import { Fragment, useMemo } from "react"
import { useSearchParams } from "react-router-dom"
import { Bar, BarChart, CartesianGrid, ErrorBar, Tooltip, XAxis, YAxis } from "recharts"
import {
  AXIS_PROPS,
  CHART_CURSOR,
  CHART_GRID,
  ChartFrame,
  ChartTooltip,
  formatCount,
  formatPercent,
  seriesColor,
} from "../../../../../../components/charts"
import { CountCell, MoneyList, RateCell, Stat } from "../../../../../../components/reports/metric-cells"
import { SectionStates } from "../../../../../../components/section-states"
import { useFlowReport } from "../../../../../../hooks/api/reports"
import { formatDateTime } from "../../../../../../lib/format"
import { stepTypeLabel } from "../../../../../../lib/flows/describe"
import {
  periodQuery,
  type AbDecisionReport,
  type FlowReport,
  type HoldoutReport,
  type RelevanceMetrics,
  type StepReport,
} from "../../../../../../lib/reports"

const PERIODS = [
  { value: "7", label: "Last 7 days" },
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
] as const

export type FlowReportPeriod = (typeof PERIODS)[number]["value"]

/**
 * The flow's report over the period in the address (`?performance=7|30|90`,
 * default 30): one request, read by the Performance section and the canvas.
 */
export const useFlowPerformance = (flowId: string) => {
  const [params, setParams] = useSearchParams()
  const asked = params.get("performance")
  const period: FlowReportPeriod = PERIODS.some((p) => p.value === asked) ? (asked as FlowReportPeriod) : "30"
  const query = useMemo(() => periodQuery(period, {}) ?? undefined, [period])
  const report = useFlowReport(flowId, query)
  const setPeriod = (next: FlowReportPeriod) =>
    setParams(
      (prev) => {
        const url = new URLSearchParams(prev)
        url.set("performance", next)
        return url
      },
      { replace: true }
    )
  return { report, period, setPeriod }
}

/**
 * The flow's performance over a period: its relevance measures, each step
 * and variant side by side, the holdouts' lift with its interval, and the
 * A/B decisions taken (`GET /admin/marketing/reports/flows/:id`).
 */
export const FlowPerformanceSection = ({
  report,
  period,
  onPeriod,
}: {
  report: ReturnType<typeof useFlowReport>
  period: FlowReportPeriod
  onPeriod: (period: FlowReportPeriod) => void
}) => {
  const stepsWithMail = (report.steps ?? []).filter((step) => step.recipients > 0 || step.variants.length > 0)

  return (
    <Container className="divide-y p-0" data-testid="flow-performance">
      <div className="flex items-center justify-between gap-x-4 px-6 py-4">
        <div className="flex flex-col">
          <Heading level="h2">Performance</Heading>
          <Text size="small" className="text-ui-fg-subtle">
            What the flow's emails reached and earned, per step and variant.
          </Text>
        </div>
        <Select size="small" value={period} onValueChange={(value) => value && onPeriod(value as FlowReportPeriod)}>
          <Select.Trigger className="w-[150px]" data-testid="flow-performance-period" aria-label="Period">
            <Select.Value />
          </Select.Trigger>
          <Select.Content>
            {PERIODS.map((option) => (
              <Select.Item key={option.value} value={option.value}>
                {option.label}
              </Select.Item>
            ))}
          </Select.Content>
        </Select>
      </div>
      <SectionStates
        isPending={report.isPending}
        isError={report.isError}
        error={report.error}
        what="flow's performance"
        notFound="The performance report is not available on this server yet."
        isEmpty={!report.flow}
        empty="No numbers for this flow yet."
        skeleton={[320, 240, 280]}
      >
        {report.flow ? (
          <>
            <FlowStats flow={report.flow} />
            <div className="px-6 py-4">
              <Text size="small" weight="plus" className="mb-2">
                Steps
              </Text>
              {stepsWithMail.length ? (
                <StepsTable steps={stepsWithMail} />
              ) : (
                <Text size="small" className="text-ui-fg-subtle">
                  No email sent by this flow in the period.
                </Text>
              )}
            </div>
            {report.holdouts?.length ? <Holdouts holdouts={report.holdouts} /> : null}
            <Decisions decisions={report.decisions ?? []} />
          </>
        ) : null}
      </SectionStates>
    </Container>
  )
}

const FlowStats = ({ flow }: { flow: FlowReport }) => (
  <div className="flex flex-wrap gap-x-8 gap-y-4 px-6 py-4" data-testid="flow-performance-stats">
    <Stat label="Enrolled" value={formatCount(flow.enrollments)} />
    <Stat label="Recipients" value={formatCount(flow.recipients)} testId="flow-performance-recipients" />
    <Stat label="Delivered" value={formatCount(flow.delivered)} />
    <Stat label="Open rate" value={formatPercent(flow.open_rate)} />
    <Stat label="Click rate" value={formatPercent(flow.click_rate)} />
    <Stat label="Click to open" value={formatPercent(flow.click_to_open_rate)} />
    <Stat label="Bounce rate" value={formatPercent(flow.bounce_rate)} />
    <Stat label="Complaints" value={formatCount(flow.complaints)} />
    <Stat label="Unsubscribes" value={formatCount(flow.unsubscribes)} />
    <Stat label="Conversions" value={formatCount(flow.conversions)} testId="flow-performance-conversions" />
    <Stat label="Conversion rate" value={formatPercent(flow.conversion_rate)} />
    <Stat label="Appointments" value={formatCount(flow.appointments)} />
    <Stat label="New customers" value={formatCount(flow.new_customers)} />
    <Stat label="Revenue" value={<MoneyList amounts={flow.revenue} testId="flow-performance-revenue" />} />
    <Stat label="Cost" value={<MoneyList amounts={flow.cost} />} />
    <Stat label="Cost / conversion" value={<MoneyList amounts={flow.cost_per_conversion} />} />
    <Stat label="Cost / new customer" value={<MoneyList amounts={flow.cost_per_new_customer} />} />
  </div>
)

const METRIC_CELLS = (row: RelevanceMetrics) => [
  <CountCell key="recipients" value={row.recipients} />,
  <CountCell key="delivered" value={row.delivered} />,
  <RateCell key="open" rate={row.open_rate} />,
  <RateCell key="click" rate={row.click_rate} />,
  <RateCell key="cto" rate={row.click_to_open_rate} />,
  <RateCell key="bounce" rate={row.bounce_rate} />,
  <CountCell key="unsub" value={row.unsubscribes} />,
  <CountCell key="conversions" value={row.conversions} />,
  <RateCell key="conv" rate={row.conversion_rate} />,
  <MoneyList key="revenue" amounts={row.revenue} />,
]

const METRIC_HEADERS = ["Recipients", "Delivered", "Open", "Click", "CTO", "Bounce", "Unsubs", "Conversions", "Conv. rate", "Revenue"]

const StepsTable = ({ steps }: { steps: StepReport[] }) => (
  <div className="overflow-x-auto" data-testid="flow-performance-steps">
    <Table>
      <Table.Header>
        <Table.Row>
          <Table.HeaderCell>Step</Table.HeaderCell>
          {METRIC_HEADERS.map((header) => (
            <Table.HeaderCell key={header} className="whitespace-nowrap text-right">
              {header}
            </Table.HeaderCell>
          ))}
        </Table.Row>
      </Table.Header>
      <Table.Body>
        {steps.map((step) => (
          <Fragment key={step.step_id}>
            <Table.Row data-testid="flow-performance-step" data-step-id={step.step_id}>
              <Table.Cell>
                <div className="flex flex-col py-1">
                  <Text size="small" weight="plus" leading="compact">
                    {stepTypeLabel(step.step_type)}
                  </Text>
                  <Text size="xsmall" className="text-ui-fg-muted font-mono">
                    {step.step_id}
                  </Text>
                </div>
              </Table.Cell>
              {METRIC_CELLS(step).map((cell, index) => (
                <Table.Cell key={index} className="whitespace-nowrap text-right">
                  {cell}
                </Table.Cell>
              ))}
            </Table.Row>
            {step.variants.map((variant) => (
              <Table.Row key={`${step.step_id}:${variant.variant}`} data-testid="flow-performance-variant" data-variant={variant.variant}>
                <Table.Cell className="pl-8">
                  <Badge size="2xsmall">Variant {variant.variant}</Badge>
                </Table.Cell>
                {METRIC_CELLS(variant).map((cell, index) => (
                  <Table.Cell key={index} className={clx("text-ui-fg-subtle whitespace-nowrap text-right")}>
                    {cell}
                  </Table.Cell>
                ))}
              </Table.Row>
            ))}
          </Fragment>
        ))}
      </Table.Body>
    </Table>
  </div>
)

const points = (value: number | null) =>
  value === null ? "–" : `${value >= 0 ? "+" : "−"}${Math.abs(value * 100).toFixed(1)} pts`

/** Significant when the interval leaves out 0. */
const liftVerdict = (lift: HoldoutReport["lift"]) =>
  lift.ci_low === null || lift.ci_high === null
    ? { color: "grey" as const, label: "Too few contacts" }
    : lift.ci_low > 0
      ? { color: "green" as const, label: "Lifts conversions" }
      : lift.ci_high < 0
        ? { color: "red" as const, label: "Lowers conversions" }
        : { color: "grey" as const, label: "No clear effect" }

const Holdouts = ({ holdouts }: { holdouts: HoldoutReport[] }) => (
  <div className="flex flex-col gap-y-4 px-6 py-4" data-testid="flow-performance-holdouts">
    <Text size="small" weight="plus">
      Holdouts
    </Text>
    {holdouts.map((holdout) => {
      const verdict = liftVerdict(holdout.lift)
      const data = [
        { group: "Holdout", rate: holdout.holdout.conversion_rate ?? 0, contacts: holdout.holdout.contacts },
        {
          group: "Got the email",
          rate: holdout.treated.conversion_rate ?? 0,
          contacts: holdout.treated.contacts,
          // The lift's interval, drawn around the treated rate.
          error:
            holdout.lift.ci_low !== null && holdout.lift.ci_high !== null && holdout.lift.absolute !== null
              ? [holdout.lift.absolute - holdout.lift.ci_low, holdout.lift.ci_high - holdout.lift.absolute]
              : [0, 0],
        },
      ]
      return (
        <div key={holdout.step_id} className="grid grid-cols-1 gap-4 md:grid-cols-2" data-testid="flow-performance-holdout" data-step-id={holdout.step_id}>
          <div className="flex flex-col gap-y-2">
            <div className="flex items-center gap-x-2">
              <Text size="small" className="font-mono">
                {holdout.step_id}
              </Text>
              <Badge size="2xsmall" color={verdict.color}>
                {verdict.label}
              </Badge>
            </div>
            <Text size="small" data-testid="flow-performance-lift">
              Lift {points(holdout.lift.absolute)}
              {holdout.lift.relative !== null ? ` (${formatPercent(holdout.lift.relative)} relative)` : ""}
              {holdout.lift.ci_low !== null && holdout.lift.ci_high !== null
                ? `, ${Math.round(holdout.lift.confidence * 100)}% interval ${points(holdout.lift.ci_low)} to ${points(holdout.lift.ci_high)}`
                : ""}
            </Text>
            <Text size="xsmall" className="text-ui-fg-subtle">
              Holdout: {formatCount(holdout.holdout.conversions)} of {formatCount(holdout.holdout.contacts)} converted (
              {formatPercent(holdout.holdout.conversion_rate)}). Got the email: {formatCount(holdout.treated.conversions)} of{" "}
              {formatCount(holdout.treated.contacts)} ({formatPercent(holdout.treated.conversion_rate)}).
            </Text>
          </div>
          <ChartFrame height={140} testId="flow-performance-holdout-chart" ariaLabel={`Conversion rate with and without the email at ${holdout.step_id}`}>
            <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 0, left: 4 }}>
              <CartesianGrid stroke={CHART_GRID} strokeDasharray="2 3" horizontal={false} />
              <XAxis type="number" {...AXIS_PROPS} tickFormatter={(value: number) => formatPercent(value, 0)} />
              <YAxis type="category" dataKey="group" {...AXIS_PROPS} width={100} />
              <Tooltip
                cursor={{ fill: CHART_CURSOR }}
                content={({ active, payload, label }) => (
                  <ChartTooltip active={active} payload={payload} label={label} formatValue={(value) => formatPercent(value)} />
                )}
              />
              <Bar dataKey="rate" name="Conversion rate" fill={seriesColor(0)} radius={2} barSize={16} isAnimationActive={false}>
                <ErrorBar dataKey="error" width={6} strokeWidth={1.5} stroke="var(--fg-base)" direction="x" />
              </Bar>
            </BarChart>
          </ChartFrame>
        </div>
      )
    })}
  </div>
)

const Decisions = ({ decisions }: { decisions: AbDecisionReport[] }) => (
  <div className="px-6 py-4" data-testid="flow-performance-decisions">
    <Text size="small" weight="plus" className="mb-2">
      A/B decisions
    </Text>
    {decisions.length ? (
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell>Step</Table.HeaderCell>
            <Table.HeaderCell>Winner</Table.HeaderCell>
            <Table.HeaderCell>Metric</Table.HeaderCell>
            <Table.HeaderCell>Test</Table.HeaderCell>
            <Table.HeaderCell className="text-right">p-value</Table.HeaderCell>
            <Table.HeaderCell>Decided</Table.HeaderCell>
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {decisions.map((decision) => (
            <Table.Row key={`${decision.step_id}:${decision.decided_at}`} data-testid="flow-performance-decision">
              <Table.Cell className="font-mono">{decision.step_id}</Table.Cell>
              <Table.Cell>
                <Badge size="2xsmall" color="green">
                  Variant {decision.winner}
                </Badge>
              </Table.Cell>
              <Table.Cell>{decision.metric.replace(/_/g, " ")}</Table.Cell>
              <Table.Cell>
                {decision.test.replace(/_/g, " ")} at {Math.round(decision.confidence * 100)}%
              </Table.Cell>
              <Table.Cell className="text-right tabular-nums">
                {decision.p_value < 0.001 ? "< 0.001" : decision.p_value.toFixed(3)}
              </Table.Cell>
              <Table.Cell>{formatDateTime(decision.decided_at)}</Table.Cell>
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    ) : (
      <Text size="small" className="text-ui-fg-subtle">
        No A/B test decided yet.
      </Text>
    )}
  </div>
)
