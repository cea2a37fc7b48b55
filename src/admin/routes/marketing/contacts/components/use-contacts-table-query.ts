import type {
  DataTableFilteringState,
  DataTableSortingState,
} from "@medusajs/ui"
import { useMemo } from "react"
import {
  offsetOf,
  searchOf,
  useListQueryParams,
} from "../../../../components/list-table-url-state"
import { isLifecycleStage, isRfmGroup } from "../../../../lib/scoring"
import type {
  ContactListParams,
  ContactOrder,
  DeviceType,
  LifecycleStage,
  RfmGroup,
} from "../../../../lib/types"

export const CONTACTS_PAGE_SIZE = 20

/** Columns the API can sort by, each named like its `order` value. */
export const SORTABLE_COLUMNS = [
  "last_seen_at",
  "first_seen_at",
  "email",
  "acquisition_score",
  "loyalty_score",
] as const
type SortableColumn = (typeof SORTABLE_COLUMNS)[number]

export const DEFAULT_SORTING: DataTableSortingState = {
  id: "last_seen_at",
  desc: true,
}
export const DEFAULT_ORDER = "-last_seen_at"

export const DEVICE_TYPES: DeviceType[] = ["desktop", "mobile", "tablet", "other"]

const HOUR = 60 * 60 * 1000
const DAY = 24 * HOUR

/** "Last seen" windows the filter offers, as their length in milliseconds. */
export const LAST_SEEN_WINDOWS = {
  "24h": DAY,
  "7d": 7 * DAY,
  "30d": 30 * DAY,
} as const
export type LastSeenWindow = keyof typeof LAST_SEEN_WINDOWS

/** Filter ids, each also the name of its URL parameter. */
export const FILTER_IDS = {
  country: "country_code",
  device: "device_type",
  source: "source",
  known: "known",
  lastSeen: "last_seen",
  lifecycleStage: "lifecycle_stage",
  rfmGroup: "rfm_group",
  minAcquisitionScore: "min_acquisition_score",
  owner: "owner_user_id",
} as const

const isSortable = (id: string): id is SortableColumn =>
  (SORTABLE_COLUMNS as readonly string[]).includes(id)

const isLastSeenWindow = (value: unknown): value is LastSeenWindow =>
  typeof value === "string" && value in LAST_SEEN_WINDOWS

const isDeviceType = (value: unknown): value is DeviceType =>
  typeof value === "string" && (DEVICE_TYPES as string[]).includes(value)

const COUNTRY_CODE = /^[a-z]{2}$/

const toOrder = (sorting: DataTableSortingState): ContactOrder =>
  `${sorting.desc ? "-" : ""}${sorting.id}` as ContactOrder

const fromOrder = (order: string | null): DataTableSortingState => {
  if (!order) {
    return DEFAULT_SORTING
  }
  const desc = order.startsWith("-")
  const id = desc ? order.slice(1) : order
  return isSortable(id) ? { id, desc } : DEFAULT_SORTING
}

const countryOf = (value: unknown): string | undefined => {
  const raw = Array.isArray(value) ? value[value.length - 1] : value
  if (typeof raw !== "string") {
    return undefined
  }
  const code = raw.trim().toLowerCase()
  return COUNTRY_CODE.test(code) ? code : undefined
}

const textOf = (value: unknown): string | undefined =>
  typeof value === "string" && value.trim() ? value.trim() : undefined

const knownOf = (value: unknown): "true" | "false" | undefined =>
  value === "true" || value === "false" ? value : undefined

const stageOf = (value: unknown): LifecycleStage | undefined =>
  isLifecycleStage(value) ? value : undefined

const rfmGroupOf = (value: unknown): RfmGroup | undefined =>
  isRfmGroup(value) ? value : undefined

/**
 * A minimum score from the filter or the URL. The API takes whole numbers:
 * "at least 42.5" becomes "at least 43".
 */
const scoreOf = (value: unknown): number | undefined => {
  const number =
    typeof value === "number"
      ? value
      : typeof value === "string" && value.trim()
      ? Number(value)
      : NaN
  return Number.isFinite(number) ? Math.ceil(number) : undefined
}

/** Start of a "last seen" window, to the minute so the query key is stable. */
const windowStart = (window: LastSeenWindow) => {
  const start = Date.now() - LAST_SEEN_WINDOWS[window]
  return new Date(Math.floor(start / 60_000) * 60_000).toISOString()
}

const QUERY_KEYS = ["offset", "order", "q", ...Object.values(FILTER_IDS)] as const

/** The API query of the contacts table, from the URL. */
export const useContactsTableQuery = (): ContactListParams => {
  const params = useListQueryParams(QUERY_KEYS)

  const lastSeen = params[FILTER_IDS.lastSeen]
  const lastSeenAfter = useMemo(
    () => (isLastSeenWindow(lastSeen) ? windowStart(lastSeen) : undefined),
    [lastSeen]
  )

  return useMemo(() => {
    const device = params[FILTER_IDS.device]
    return {
      limit: CONTACTS_PAGE_SIZE,
      offset: offsetOf(params.offset, CONTACTS_PAGE_SIZE),
      order: toOrder(fromOrder(params.order ?? null)),
      q: searchOf(params.q),
      country_code: countryOf(params[FILTER_IDS.country]?.split(",")),
      device_type: isDeviceType(device) ? device : undefined,
      source: textOf(params[FILTER_IDS.source]),
      known: knownOf(params[FILTER_IDS.known]),
      last_seen_after: lastSeenAfter,
      lifecycle_stage: stageOf(params[FILTER_IDS.lifecycleStage]),
      rfm_group: rfmGroupOf(params[FILTER_IDS.rfmGroup]),
      min_acquisition_score: scoreOf(params[FILTER_IDS.minAcquisitionScore]),
      owner_user_id: textOf(params[FILTER_IDS.owner]),
    }
  }, [params, lastSeenAfter])
}

/**
 * The filters as the API takes them: one country (picking another replaces
 * the first) and a whole minimum score.
 */
export const normalizeContactsFilters = (
  value: DataTableFilteringState
): DataTableFilteringState => {
  const filtering = { ...value }
  const country = countryOf(filtering[FILTER_IDS.country])
  if (country) {
    filtering[FILTER_IDS.country] = [country]
  } else {
    delete filtering[FILTER_IDS.country]
  }
  const minScore = scoreOf(filtering[FILTER_IDS.minAcquisitionScore])
  if (minScore !== undefined) {
    filtering[FILTER_IDS.minAcquisitionScore] = minScore
  } else {
    delete filtering[FILTER_IDS.minAcquisitionScore]
  }
  return filtering
}
