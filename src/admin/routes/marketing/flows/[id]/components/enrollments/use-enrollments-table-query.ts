import { useMemo } from "react"
import { offsetOf, oneOf, useListQueryParams } from "../../../../../../components/list-table-url-state"
import { ENROLLMENT_STATUSES } from "../../../../../../lib/flows"
import type { FlowEnrollmentListParams } from "../../../../../../lib/types"

export const ENROLLMENTS_PAGE_SIZE = 20

const QUERY_KEYS = ["offset", "status"] as const

/** The API query of a flow's enrollments table (`?offset`, `?status`), from the URL. */
export const useEnrollmentsTableQuery = (): FlowEnrollmentListParams => {
  const params = useListQueryParams(QUERY_KEYS)
  return useMemo(
    () => ({
      limit: ENROLLMENTS_PAGE_SIZE,
      offset: offsetOf(params.offset, ENROLLMENTS_PAGE_SIZE),
      status: oneOf(ENROLLMENT_STATUSES, params.status),
    }),
    [params]
  )
}
