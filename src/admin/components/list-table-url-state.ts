import type {
  DataTableFilter,
  DataTableFilteringState,
  DataTablePaginationState,
  DataTableSortingState,
} from "@medusajs/ui"
import { useCallback, useMemo, useRef, useState } from "react"
import { useSearchParams } from "react-router-dom"
import {
  decodeFilter,
  encodeFilter,
  fromOrder,
  isEmpty,
  offsetOf,
  oneOf,
  searchOf,
  toOrder,
} from "./list-table-params"

export { offsetOf, oneOf, searchOf }

/**
 * A list's table state lives in the URL (`q`, `offset`, `order` and one
 * parameter per filter id), so a reload or Back returns to the same view.
 * The table reads it through `useListTableUrlState`; each list's
 * `use-<x>-table-query.ts` reads the same parameters into its API query.
 */

/** The URL's parameters, as plain strings, for a list's query hook. */
export const useListQueryParams = <K extends string>(keys: readonly K[]) => {
  const [searchParams] = useSearchParams()
  const serialized = searchParams.toString()
  return useMemo(() => {
    const params = new URLSearchParams(serialized)
    return Object.fromEntries(
      keys.map((key) => [key, params.get(key) ?? undefined])
    ) as Record<K, string | undefined>
    // `keys` are constants of each list.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [serialized])
}

type UrlStateOptions = {
  pageSize: number
  filters?: DataTableFilter[]
  /** The order when the URL has none (e.g. "-last_seen_at"). */
  defaultOrder?: string
  /** Tidies picked filters before they go to the URL. */
  normalizeFilters?: (filtering: DataTableFilteringState) => DataTableFilteringState
}

/** The DataTable's pagination, search, sorting and filtering, kept in the URL. */
export const useListTableUrlState = ({
  pageSize,
  filters,
  defaultOrder,
  normalizeFilters,
}: UrlStateOptions) => {
  const [searchParams, setSearchParams] = useSearchParams()

  // The table can report two changes in one go (a new search, then page 0):
  // each update starts from the last one written, not from this render's URL.
  const latest = useRef(searchParams)
  latest.current = searchParams
  const update = useCallback(
    (change: (next: URLSearchParams) => void) => {
      const next = new URLSearchParams(latest.current)
      change(next)
      if (next.toString() !== latest.current.toString()) {
        latest.current = next
        setSearchParams(next, { replace: true })
      }
    },
    [setSearchParams]
  )

  const filterIds = useMemo(() => (filters ?? []).map((f) => f.id), [filters])

  const pageIndex =
    offsetOf(searchParams.get("offset") ?? undefined, pageSize) / pageSize
  const pagination: DataTablePaginationState = useMemo(
    () => ({ pageIndex, pageSize }),
    [pageIndex, pageSize]
  )
  const onPaginationChange = useCallback(
    (value: DataTablePaginationState) =>
      update((next) =>
        value.pageIndex > 0
          ? next.set("offset", String(value.pageIndex * pageSize))
          : next.delete("offset")
      ),
    [update, pageSize]
  )

  const search = searchParams.get("q") ?? ""
  const onSearchChange = useCallback(
    (value: string) =>
      update((next) => {
        value.trim() ? next.set("q", value.trim()) : next.delete("q")
        next.delete("offset")
      }),
    [update]
  )

  const order = searchParams.get("order") ?? defaultOrder
  const sorting = useMemo(
    () => (order ? fromOrder(order) : null),
    [order]
  )
  const onSortingChange = useCallback(
    (value: DataTableSortingState | undefined) =>
      update((next) => {
        const order = value ? toOrder(value) : undefined
        order && order !== defaultOrder
          ? next.set("order", order)
          : next.delete("order")
        next.delete("offset")
      }),
    [update, defaultOrder]
  )

  // A filter just added from the menu has no value yet: the table keeps it
  // here (so its picker opens) and the URL gets it once it has a value.
  const [picking, setPicking] = useState<DataTableFilteringState>({})
  const serialized = searchParams.toString()
  const filtering = useMemo(() => {
    const params = new URLSearchParams(serialized)
    const state: DataTableFilteringState = {}
    for (const filter of filters ?? []) {
      const raw = params.get(filter.id)
      const value = raw === null ? undefined : decodeFilter(filter, raw)
      if (!isEmpty(value)) {
        state[filter.id] = value
      } else if (filter.id in picking) {
        state[filter.id] = picking[filter.id]
      }
    }
    return state
  }, [serialized, filters, picking])
  const onFilteringChange = useCallback(
    (value: DataTableFilteringState) => {
      setPicking(
        Object.fromEntries(
          Object.entries(value).filter(([, filter]) => isEmpty(filter))
        )
      )
      update((next) => {
        const picked = normalizeFilters ? normalizeFilters(value) : value
        filterIds.forEach((id) => next.delete(id))
        Object.entries(picked).forEach(([id, filter]) => {
          if (!isEmpty(filter)) {
            next.set(id, encodeFilter(filter))
          }
        })
        next.delete("offset")
      })
    },
    [update, filterIds, normalizeFilters]
  )

  return {
    pagination: { state: pagination, onPaginationChange },
    search: { state: search, onSearchChange },
    sorting: defaultOrder ? { state: sorting, onSortingChange } : undefined,
    filtering: filters?.length
      ? { state: filtering, onFilteringChange }
      : undefined,
  }
}

const PAGE_AND_SEARCH = ["offset", "q"] as const

/** `limit`, `offset` and `q` from the URL, for a list searched by name. */
export const useSearchListQuery = (pageSize: number) => {
  const params = useListQueryParams(PAGE_AND_SEARCH)
  return useMemo(
    () => ({
      limit: pageSize,
      offset: offsetOf(params.offset, pageSize),
      q: searchOf(params.q),
    }),
    [params, pageSize]
  )
}
