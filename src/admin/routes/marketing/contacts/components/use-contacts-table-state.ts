import type {
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableSortingState,
} from "@medusajs/ui"
import { useCallback, useEffect, useMemo, useState } from "react"
import { useSearchParams } from "react-router-dom"
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
} as const

const URL_KEYS = [
  "offset",
  "order",
  "q",
  ...Object.values(FILTER_IDS),
] as const

type TableState = {
  pageIndex: number
  sorting: DataTableSortingState
  search: string
  filtering: DataTableFilteringState
}

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

const readState = (params: URLSearchParams): TableState => {
  const offset = Number(params.get("offset"))
  const filtering: DataTableFilteringState = {}

  const country = countryOf(params.get(FILTER_IDS.country))
  if (country) {
    filtering[FILTER_IDS.country] = [country]
  }
  const device = params.get(FILTER_IDS.device)
  if (isDeviceType(device)) {
    filtering[FILTER_IDS.device] = device
  }
  const source = textOf(params.get(FILTER_IDS.source))
  if (source) {
    filtering[FILTER_IDS.source] = source
  }
  const known = knownOf(params.get(FILTER_IDS.known))
  if (known) {
    filtering[FILTER_IDS.known] = known
  }
  const lastSeen = params.get(FILTER_IDS.lastSeen)
  if (isLastSeenWindow(lastSeen)) {
    filtering[FILTER_IDS.lastSeen] = lastSeen
  }
  const stage = stageOf(params.get(FILTER_IDS.lifecycleStage))
  if (stage) {
    filtering[FILTER_IDS.lifecycleStage] = stage
  }
  const rfmGroup = rfmGroupOf(params.get(FILTER_IDS.rfmGroup))
  if (rfmGroup) {
    filtering[FILTER_IDS.rfmGroup] = rfmGroup
  }
  const minScore = scoreOf(params.get(FILTER_IDS.minAcquisitionScore))
  if (minScore !== undefined) {
    filtering[FILTER_IDS.minAcquisitionScore] = minScore
  }

  return {
    pageIndex:
      Number.isInteger(offset) && offset > 0
        ? Math.floor(offset / CONTACTS_PAGE_SIZE)
        : 0,
    sorting: fromOrder(params.get("order")),
    search: params.get("q") ?? "",
    filtering,
  }
}

/** The state as URL parameters; filters still being picked are left out. */
const writeState = (state: TableState, current: URLSearchParams) => {
  const next = new URLSearchParams(current)
  URL_KEYS.forEach((key) => next.delete(key))

  if (state.pageIndex > 0) {
    next.set("offset", String(state.pageIndex * CONTACTS_PAGE_SIZE))
  }
  const order = toOrder(state.sorting)
  if (order !== toOrder(DEFAULT_SORTING)) {
    next.set("order", order)
  }
  if (state.search.trim()) {
    next.set("q", state.search.trim())
  }

  const { filtering } = state
  const country = countryOf(filtering[FILTER_IDS.country])
  if (country) {
    next.set(FILTER_IDS.country, country)
  }
  if (isDeviceType(filtering[FILTER_IDS.device])) {
    next.set(FILTER_IDS.device, filtering[FILTER_IDS.device] as string)
  }
  const source = textOf(filtering[FILTER_IDS.source])
  if (source) {
    next.set(FILTER_IDS.source, source)
  }
  const known = knownOf(filtering[FILTER_IDS.known])
  if (known) {
    next.set(FILTER_IDS.known, known)
  }
  if (isLastSeenWindow(filtering[FILTER_IDS.lastSeen])) {
    next.set(FILTER_IDS.lastSeen, filtering[FILTER_IDS.lastSeen] as string)
  }
  const stage = stageOf(filtering[FILTER_IDS.lifecycleStage])
  if (stage) {
    next.set(FILTER_IDS.lifecycleStage, stage)
  }
  const rfmGroup = rfmGroupOf(filtering[FILTER_IDS.rfmGroup])
  if (rfmGroup) {
    next.set(FILTER_IDS.rfmGroup, rfmGroup)
  }
  const minScore = scoreOf(filtering[FILTER_IDS.minAcquisitionScore])
  if (minScore !== undefined) {
    next.set(FILTER_IDS.minAcquisitionScore, String(minScore))
  }

  return next
}

/** Start of a "last seen" window, to the minute so the query key is stable. */
const windowStart = (window: LastSeenWindow) => {
  const start = Date.now() - LAST_SEEN_WINDOWS[window]
  return new Date(Math.floor(start / 60_000) * 60_000).toISOString()
}

/**
 * State of the contacts table (page, sort, search, filters) and the API query
 * it stands for. The state lives in React and is mirrored into the URL, so a
 * reload or the back button from a contact returns to the same view.
 */
export const useContactsTableState = () => {
  const [searchParams, setSearchParams] = useSearchParams()
  const [state, setState] = useState<TableState>(() => readState(searchParams))

  useEffect(() => {
    const next = writeState(state, searchParams)
    if (next.toString() !== searchParams.toString()) {
      setSearchParams(next, { replace: true })
    }
    // Only the table state drives the URL; reading the URL happens once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state])

  const pagination: DataTablePaginationState = useMemo(
    () => ({ pageIndex: state.pageIndex, pageSize: CONTACTS_PAGE_SIZE }),
    [state.pageIndex]
  )

  const onPaginationChange = useCallback(
    (value: DataTablePaginationState) =>
      setState((prev) => ({ ...prev, pageIndex: value.pageIndex })),
    []
  )

  const onSortingChange = useCallback(
    (value: DataTableSortingState | undefined) =>
      setState((prev) => ({
        ...prev,
        sorting: value && isSortable(value.id) ? value : DEFAULT_SORTING,
      })),
    []
  )

  const onSearchChange = useCallback(
    (value: string) =>
      setState((prev) => ({ ...prev, search: value, pageIndex: 0 })),
    []
  )

  const onFilteringChange = useCallback(
    (value: DataTableFilteringState) => {
      const filtering = { ...value }
      // The API filters on one country: picking another replaces the first.
      const countries = filtering[FILTER_IDS.country]
      if (Array.isArray(countries) && countries.length > 1) {
        filtering[FILTER_IDS.country] = countries.slice(-1)
      }
      setState((prev) => ({ ...prev, filtering }))
    },
    []
  )

  const lastSeenWindow = isLastSeenWindow(state.filtering[FILTER_IDS.lastSeen])
    ? (state.filtering[FILTER_IDS.lastSeen] as LastSeenWindow)
    : undefined

  const lastSeenAfter = useMemo(
    () => (lastSeenWindow ? windowStart(lastSeenWindow) : undefined),
    [lastSeenWindow]
  )

  const { filtering } = state
  const query: ContactListParams = useMemo(
    () => ({
      limit: CONTACTS_PAGE_SIZE,
      offset: state.pageIndex * CONTACTS_PAGE_SIZE,
      order: toOrder(state.sorting),
      q: state.search.trim() || undefined,
      country_code: countryOf(filtering[FILTER_IDS.country]),
      device_type: isDeviceType(filtering[FILTER_IDS.device])
        ? (filtering[FILTER_IDS.device] as DeviceType)
        : undefined,
      source: textOf(filtering[FILTER_IDS.source]),
      known: knownOf(filtering[FILTER_IDS.known]),
      last_seen_after: lastSeenAfter,
      lifecycle_stage: stageOf(filtering[FILTER_IDS.lifecycleStage]),
      rfm_group: rfmGroupOf(filtering[FILTER_IDS.rfmGroup]),
      min_acquisition_score: scoreOf(
        filtering[FILTER_IDS.minAcquisitionScore]
      ),
    }),
    [state.pageIndex, state.sorting, state.search, filtering, lastSeenAfter]
  )

  return {
    query,
    pagination: { state: pagination, onPaginationChange },
    sorting: { state: state.sorting, onSortingChange },
    search: { state: state.search, onSearchChange },
    filtering: { state: state.filtering, onFilteringChange },
  }
}
