import { createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { nameColumn } from "../../../../components/list-table"
import { formatRate, KIND_LABELS, type MarketingForm } from "../../../../lib/forms"
import { FormStatusBadge } from "./form-status-badge"

const columnHelper = createDataTableColumnHelper<MarketingForm>()
const count = (n: number | undefined) => (n ?? 0).toLocaleString("en-US")

export const useFormsTableColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor("name", nameColumn<MarketingForm>(undefined, "flex min-w-0 max-w-[360px] flex-col")),
      columnHelper.accessor("kind", {
        header: "Kind",
        cell: ({ getValue }) => KIND_LABELS[getValue()] ?? getValue(),
      }),
      columnHelper.accessor("status", {
        header: "Status",
        cell: ({ getValue }) => <FormStatusBadge status={getValue()} />,
      }),
      columnHelper.display({
        id: "views",
        header: "Views (30 days)",
        cell: ({ row }) => <span data-testid="form-views">{count(row.original.stats?.views)}</span>,
      }),
      columnHelper.display({
        id: "submissions",
        header: "Submissions",
        cell: ({ row }) => <span data-testid="form-submissions">{count(row.original.stats?.submissions)}</span>,
      }),
      columnHelper.display({
        id: "submit_rate",
        header: "Submit rate",
        cell: ({ row }) => <span data-testid="form-rate">{formatRate(row.original.stats?.submit_rate)}</span>,
      }),
    ],
    []
  )
