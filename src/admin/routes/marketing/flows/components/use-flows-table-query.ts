import { useMemo } from "react"
import {
  offsetOf,
  oneOf,
  searchOf,
  useListQueryParams,
} from "../../../../components/list-table-url-state"
import type { FlowListParams, FlowStatus } from "../../../../lib/types"

export const FLOWS_PAGE_SIZE = 20
export const FLOW_STATUSES: FlowStatus[] = ["draft", "active", "paused", "archived"]

const QUERY_KEYS = ["offset", "q", "status"] as const

/** The API query of the flows table (`?q`, `?offset`, `?status`), from the URL. */
export const useFlowsTableQuery = (): FlowListParams => {
  const params = useListQueryParams(QUERY_KEYS)
  return useMemo(
    () => ({
      limit: FLOWS_PAGE_SIZE,
      offset: offsetOf(params.offset, FLOWS_PAGE_SIZE),
      q: searchOf(params.q),
      status: oneOf(FLOW_STATUSES, params.status),
    }),
    [params]
  )
}
