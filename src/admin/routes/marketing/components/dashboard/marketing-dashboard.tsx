import { Container, Heading, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { useSearchParams } from "react-router-dom"
import { formatMoney, formatPercent, seriesColor } from "../../../../components/charts"
import {
  useChannelsReport,
  useFlowsReport,
  useFunnel,
  useMessagesSeries,
  useRevenueSeries,
} from "../../../../hooks/api/reports"
import { amountIn, isoDay, periodQuery, PERIOD_PRESETS, type PeriodChoice } from "../../../../lib/reports"
import { ChannelsChart, channelTotals } from "./channels-chart"
import { DashboardCard } from "./dashboard-card"
import { DashboardFilters } from "./dashboard-filters"
import { FunnelChart } from "./funnel-chart"
import { MessagesChart } from "./messages-chart"
import { RelevanceTable } from "./relevance-table"
import { RevenueChart } from "./revenue-chart"
import { TopFlowsChart, topFlows } from "./top-flows-chart"

const isChoice = (value: string | null): value is PeriodChoice =>
  value === "custom" || (PERIOD_PRESETS as readonly string[]).includes(value ?? "")

/**
 * The Marketing dashboard: what the flows earn and cost over a period. The
 * period and currency live in the URL (`?period=30`, `?period=custom&from=
 * 2026-11-01&to=2026-11-30`, `&currency=eur`), so a view can be linked.
 */
export const MarketingDashboard = () => {
  const [params, setParams] = useSearchParams()
  const rawPeriod = params.get("period")
  const period: PeriodChoice = isChoice(rawPeriod) ? rawPeriod : "30"
  const from = params.get("from") ?? ""
  const to = params.get("to") ?? ""
  const picked = params.get("currency")
  const query = useMemo(() => periodQuery(period, { from, to }), [period, from, to])

  // From the address bar, not the hook's `prev`: the router renders a change later than it writes the URL, and
  // two quick edits (the start, then the end day) would otherwise undo the first.
  const update = (changes: Record<string, string | null>) =>
    setParams(
      () => {
        const next = new URLSearchParams(window.location.search)
        for (const [key, value] of Object.entries(changes)) {
          value ? next.set(key, value) : next.delete(key)
        }
        return next
      },
      { replace: true }
    )

  const revenue = useRevenueSeries(query ? { ...query, currency_code: picked } : null)
  const currency = picked ?? revenue.currency_code ?? null
  const currencies = useMemo(() => {
    const codes = new Set((revenue.currency_codes ?? []).map((code) => code.toLowerCase()))
    if (currency) codes.add(currency.toLowerCase())
    return Array.from(codes).sort()
  }, [revenue.currency_codes, currency])
  const messages = useMessagesSeries(query)
  const funnel = useFunnel(query)
  const channels = useChannelsReport(query)
  const flows = useFlowsReport(query)

  const totals = useMemo(
    () => (channels.months ? channelTotals({ period: channels.period!, months: channels.months }, currency) : []),
    [channels.months, channels.period, currency]
  )
  const byRevenue = useMemo(() => topFlows(flows.flows ?? [], (flow) => amountIn(flow.revenue, currency)), [flows.flows, currency])
  const byConversion = useMemo(() => topFlows(flows.flows ?? [], (flow) => flow.conversion_rate), [flows.flows])
  const revenueHasData = !!revenue.days?.some((day) => day.total !== 0) && !!revenue.flows?.length
  const messagesHaveData = !!messages.days?.some((day) => day.sent || day.opened || day.clicked || day.bounced)
  const rangeError = period === "custom" && !query && from && to ? "The end is before the start." : null

  // The custom range starts from the preset on screen, so switching keeps the view.
  const pickPeriod = (next: PeriodChoice) => {
    if (next === "custom" && query && (!from || !to)) {
      const end = new Date(new Date(query.to).getTime() - 1)
      update({ period: next, from: isoDay(new Date(query.from)), to: isoDay(end) })
    } else {
      update({ period: next })
    }
  }

  return (
    <div className="flex flex-col gap-y-3" data-testid="marketing-dashboard">
      <Container className="flex flex-wrap items-end justify-between gap-4 px-6 py-4">
        <div className="flex flex-col">
          <Heading level="h2">Dashboard</Heading>
          <Text size="small" className="text-ui-fg-subtle" data-testid="dashboard-period-label">
            {query
              ? `${isoDay(new Date(query.from))} to ${isoDay(new Date(new Date(query.to).getTime() - 1))} (UTC)`
              : rangeError ?? "Pick the first and last day."}
          </Text>
        </div>
        <DashboardFilters
          period={period}
          from={from}
          to={to}
          currency={currency}
          currencies={currencies}
          onPeriod={pickPeriod}
          onRange={(range) => update(range)}
          onCurrency={(code) => update({ currency: code })}
          rangeError={rangeError}
        />
      </Container>

      <DashboardCard
        title="Revenue by flow"
        description={`Orders credited to the flows' emails, per day${currency ? `, in ${currency.toUpperCase()}` : ""}.`}
        testId="dashboard-revenue"
        what="revenue"
        query={revenue}
        isEmpty={!revenueHasData}
        empty="No revenue attributed to a flow in this period."
      >
        {revenue.days && revenue.flows && revenue.currency_code ? (
          <RevenueChart
            report={{
              period: revenue.period!,
              currency_code: revenue.currency_code,
              currency_codes: revenue.currency_codes ?? [],
              flows: revenue.flows,
              days: revenue.days,
            }}
          />
        ) : null}
      </DashboardCard>

      <div className="grid grid-cols-1 gap-3 xl:grid-cols-2">
        <DashboardCard
          title="Messages"
          description="Sent, opened, clicked and bounced per day."
          testId="dashboard-messages"
          what="messages"
          query={messages}
          isEmpty={!messagesHaveData}
          empty="No email sent in this period."
        >
          {messages.days ? <MessagesChart report={{ period: messages.period!, days: messages.days }} /> : null}
        </DashboardCard>
        <DashboardCard
          title="Funnel"
          description="Contacts per lifecycle stage, and who entered each stage in the period."
          testId="dashboard-funnel"
          what="funnel"
          query={funnel}
          isEmpty={!funnel.stages?.some((stage) => stage.contacts || stage.entered)}
          empty="No contact has a lifecycle stage yet."
        >
          {funnel.stages ? <FunnelChart report={{ period: funnel.period!, stages: funnel.stages }} /> : null}
        </DashboardCard>
        <DashboardCard
          title="New customers and CAC by channel"
          description={`First orders per acquisition channel, and spend per new customer${currency ? ` in ${currency.toUpperCase()}` : ""}.`}
          testId="dashboard-channels"
          what="channels"
          query={channels}
          isEmpty={!totals.some((row) => row.new_customers || row.spend)}
          empty="No new customer or spend in this period."
        >
          <ChannelsChart totals={totals} currency={currency} />
        </DashboardCard>
        <DashboardCard
          title="Top flows"
          description="By revenue (in the picked currency) and by conversion rate."
          testId="dashboard-top-flows"
          what="flows"
          query={flows}
          isEmpty={!byRevenue.length && !byConversion.length}
          empty="No flow converted in this period."
        >
          <div className="flex flex-col gap-y-4">
            <div className="flex flex-col gap-y-1">
              <Text size="xsmall" weight="plus" className="text-ui-fg-subtle px-2">
                By revenue
              </Text>
              {byRevenue.length ? (
                <TopFlowsChart
                  items={byRevenue}
                  color={seriesColor(0)}
                  valueName="Revenue"
                  format={(value) => formatMoney(value, currency)}
                  formatAxis={(value) => formatMoney(value, currency, true)}
                  testId="dashboard-top-revenue-chart"
                  ariaLabel="Top flows by revenue"
                />
              ) : (
                <Text size="small" className="text-ui-fg-subtle px-2">
                  No revenue{currency ? ` in ${currency.toUpperCase()}` : ""}.
                </Text>
              )}
            </div>
            <div className="flex flex-col gap-y-1">
              <Text size="xsmall" weight="plus" className="text-ui-fg-subtle px-2">
                By conversion rate
              </Text>
              {byConversion.length ? (
                <TopFlowsChart
                  items={byConversion}
                  color={seriesColor(1)}
                  valueName="Conversion rate"
                  format={(value) => formatPercent(value)}
                  formatAxis={(value) => formatPercent(value, 0)}
                  testId="dashboard-top-conversion-chart"
                  ariaLabel="Top flows by conversion rate"
                />
              ) : (
                <Text size="small" className="text-ui-fg-subtle px-2">
                  No conversion.
                </Text>
              )}
            </div>
          </div>
        </DashboardCard>
      </div>

      <DashboardCard
        title="Flows side by side"
        description="Each flow's reach, engagement, conversions and money in the period. Click a header to sort."
        testId="dashboard-relevance"
        what="flows"
        query={flows}
        isEmpty={!flows.flows?.length}
        empty="No flow yet."
      >
        <RelevanceTable flows={flows.flows ?? []} currency={currency} />
      </DashboardCard>
    </div>
  )
}
