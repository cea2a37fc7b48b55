import { Text, createDataTableColumnHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { nameColumn } from "../../../../components/list-table"
import { Sparkline } from "../../../../components/sparkline"
import { describeTrigger } from "../../../../lib/flows"
import { formatCount } from "../../../../lib/format"
import type { Flow } from "../../../../lib/types"
import { FlowStatusBadge } from "./flow-status-badge"

const columnHelper = createDataTableColumnHelper<Flow>()

const count = (testId: string) => ({
  align: "right" as const,
  cell: ({ getValue }: { getValue: () => number }) => (
    <span data-testid={testId}>{formatCount(getValue() ?? 0)}</span>
  ),
})

export const useFlowsTableColumns = () =>
  useMemo(
    () => [
      columnHelper.accessor(
        "name",
        nameColumn<Flow>(undefined, "flex min-w-0 max-w-[400px] flex-col")
      ),
      columnHelper.display({
        id: "trigger",
        header: "Trigger",
        cell: ({ row }) => (
          <Text size="small" className="max-w-[280px] truncate" data-testid="flow-trigger">
            {describeTrigger(row.original.definition?.trigger)}
          </Text>
        ),
      }),
      columnHelper.accessor("status", {
        header: "Status",
        cell: ({ getValue }) => <FlowStatusBadge status={getValue()} />,
      }),
      columnHelper.accessor("active_enrollment_count", {
        header: "In the flow",
        ...count("flow-active"),
      }),
      columnHelper.accessor("entered_last_30_days", {
        header: "Entered, 30 d",
        ...count("flow-entered"),
      }),
      columnHelper.accessor("converted_last_30_days", {
        header: "Converted, 30 d",
        ...count("flow-converted"),
      }),
      columnHelper.display({
        id: "entries",
        header: "Entries",
        cell: ({ row }) => (
          <Sparkline
            points={row.original.entries ?? []}
            label="entries"
            testId="flow-sparkline"
          />
        ),
      }),
    ],
    []
  )
