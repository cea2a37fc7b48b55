import { useSearchListQuery } from "../../../../components/list-table-url-state"
import type { SegmentListParams } from "../../../../lib/types"

export const SEGMENTS_PAGE_SIZE = 20

/** The API query of the segments table (`?q`, `?offset`), from the URL. */
export const useSegmentsTableQuery = (): SegmentListParams =>
  useSearchListQuery(SEGMENTS_PAGE_SIZE)
