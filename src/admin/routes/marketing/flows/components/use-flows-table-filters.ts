import { createDataTableFilterHelper } from "@medusajs/ui"
import { useMemo } from "react"
import { FLOW_STATUS_LABELS } from "../../../../lib/flows"
import type { Flow } from "../../../../lib/types"
import { FLOW_STATUSES } from "./use-flows-table-query"

const filterHelper = createDataTableFilterHelper<Flow>()

export const useFlowsTableFilters = () =>
  useMemo(
    () => [
      filterHelper.accessor("status", {
        type: "radio",
        label: "Status",
        options: FLOW_STATUSES.map((status) => ({
          label: FLOW_STATUS_LABELS[status],
          value: status,
        })),
      }),
    ],
    []
  )
