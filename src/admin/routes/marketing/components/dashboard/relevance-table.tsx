import { Table, clx } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { Link } from "react-router-dom"
import { formatCount } from "../../../../components/charts"
import { CountCell, MoneyList, RateCell } from "../../../../components/reports/metric-cells"
import type { FlowReport } from "../../../../lib/reports"
import { amountIn } from "../../../../lib/reports"
import type { FlowStatus } from "../../../../lib/types"
import { FlowStatusBadge } from "../../flows/components/flow-status-badge"

type Column = {
  key: string
  label: string
  /** The value sorted by; money sorts by the picked currency. */
  sortValue: (flow: FlowReport, currency: string | null) => number | string | null
  render: (flow: FlowReport) => React.ReactNode
  align?: "right"
}

const of = (part: number, whole: number, what: string) => `${formatCount(part)} of ${formatCount(whole)} ${what}`

const COLUMNS: Column[] = [
  { key: "recipients", label: "Recipients", sortValue: (f) => f.recipients, render: (f) => <CountCell value={f.recipients} />, align: "right" },
  { key: "delivered", label: "Delivered", sortValue: (f) => f.delivered, render: (f) => <CountCell value={f.delivered} />, align: "right" },
  { key: "open_rate", label: "Open rate", sortValue: (f) => f.open_rate, render: (f) => <RateCell rate={f.open_rate} of={of(f.opens, f.delivered, "delivered")} />, align: "right" },
  { key: "click_rate", label: "Click rate", sortValue: (f) => f.click_rate, render: (f) => <RateCell rate={f.click_rate} of={of(f.clicks, f.delivered, "delivered")} />, align: "right" },
  { key: "click_to_open_rate", label: "CTO", sortValue: (f) => f.click_to_open_rate, render: (f) => <RateCell rate={f.click_to_open_rate} of={of(f.clicks, f.opens, "opened")} />, align: "right" },
  { key: "bounce_rate", label: "Bounce rate", sortValue: (f) => f.bounce_rate, render: (f) => <RateCell rate={f.bounce_rate} of={`${formatCount(f.hard_bounces)} hard, ${formatCount(f.soft_bounces)} soft`} />, align: "right" },
  { key: "complaints", label: "Complaints", sortValue: (f) => f.complaints, render: (f) => <CountCell value={f.complaints} />, align: "right" },
  { key: "unsubscribes", label: "Unsubscribes", sortValue: (f) => f.unsubscribes, render: (f) => <CountCell value={f.unsubscribes} />, align: "right" },
  { key: "conversions", label: "Conversions", sortValue: (f) => f.conversions, render: (f) => <CountCell value={f.conversions} />, align: "right" },
  { key: "conversion_rate", label: "Conv. rate", sortValue: (f) => f.conversion_rate, render: (f) => <RateCell rate={f.conversion_rate} of={of(f.conversions, f.enrollments, "enrolled")} />, align: "right" },
  { key: "appointments", label: "Appointments", sortValue: (f) => f.appointments, render: (f) => <CountCell value={f.appointments} />, align: "right" },
  { key: "revenue", label: "Revenue", sortValue: (f, c) => amountIn(f.revenue, c), render: (f) => <MoneyList amounts={f.revenue} />, align: "right" },
  { key: "cost_per_conversion", label: "Cost / conversion", sortValue: (f, c) => amountIn(f.cost_per_conversion, c), render: (f) => <MoneyList amounts={f.cost_per_conversion} />, align: "right" },
]

/**
 * Every flow's relevance measures side by side, each row linking to its flow.
 * A header sorts by its column (again: the other way); money sorts by the
 * picked currency.
 */
export const RelevanceTable = ({ flows, currency }: { flows: FlowReport[]; currency: string | null }) => {
  const [sort, setSort] = useState<{ key: string; desc: boolean }>({ key: "revenue", desc: true })
  const rows = useMemo(() => {
    const column = COLUMNS.find((c) => c.key === sort.key)
    if (!column) return flows
    const value = (flow: FlowReport) => column.sortValue(flow, currency)
    return [...flows].sort((a, b) => {
      const x = value(a)
      const y = value(b)
      if (x === y) return a.name.localeCompare(b.name)
      if (x === null) return 1
      if (y === null) return -1
      return (x < y ? -1 : 1) * (sort.desc ? -1 : 1)
    })
  }, [flows, sort, currency])

  return (
    <div className="overflow-x-auto" data-testid="dashboard-relevance-table">
      <Table>
        <Table.Header>
          <Table.Row>
            <Table.HeaderCell className="sticky left-0 bg-ui-bg-base">Flow</Table.HeaderCell>
            {COLUMNS.map((column) => (
              <Table.HeaderCell key={column.key} className={clx("whitespace-nowrap", column.align === "right" && "text-right")}>
                <button
                  type="button"
                  className="hover:text-ui-fg-base outline-none"
                  onClick={() => setSort((prev) => ({ key: column.key, desc: prev.key === column.key ? !prev.desc : true }))}
                  data-testid={`dashboard-relevance-sort-${column.key}`}
                  aria-sort={sort.key === column.key ? (sort.desc ? "descending" : "ascending") : undefined}
                >
                  {column.label}
                  {sort.key === column.key ? (sort.desc ? " ↓" : " ↑") : ""}
                </button>
              </Table.HeaderCell>
            ))}
          </Table.Row>
        </Table.Header>
        <Table.Body>
          {rows.map((flow) => (
            <Table.Row key={flow.flow_id} data-testid="dashboard-relevance-row" data-flow-id={flow.flow_id}>
              <Table.Cell className="sticky left-0 bg-ui-bg-base">
                <div className="flex items-center gap-x-2 py-1">
                  <Link
                    to={`/marketing/flows/${flow.flow_id}`}
                    className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover max-w-[200px] truncate"
                    data-testid="dashboard-relevance-flow-link"
                  >
                    {flow.name}
                  </Link>
                  <FlowStatusBadge status={flow.status as FlowStatus} />
                </div>
              </Table.Cell>
              {COLUMNS.map((column) => (
                <Table.Cell
                  key={column.key}
                  className={clx("whitespace-nowrap", column.align === "right" && "text-right")}
                  data-testid={`dashboard-relevance-${column.key}`}
                >
                  {column.render(flow)}
                </Table.Cell>
              ))}
            </Table.Row>
          ))}
        </Table.Body>
      </Table>
    </div>
  )
}
