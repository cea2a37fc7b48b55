import { FetchError } from "@medusajs/js-sdk"
import {
  InfiniteData,
  QueryKey,
  UseMutationOptions,
  UseQueryOptions,
  UseQueryResult,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { useMemo } from "react"
import { sdk } from "../../lib/sdk"
import { useDebouncedValue } from "../use-debounced-value"

/** What a caller may pass to a query hook: everything but the key and the request. */
export type QueryOptions<TResponse> = Omit<
  UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
  "queryKey" | "queryFn"
>

/** What a caller may pass to a mutation hook: everything but the request. */
export type MutationOptions<TResponse, TVariables> = Omit<
  UseMutationOptions<TResponse, FetchError, TVariables>,
  "mutationFn"
>

/** Omit over each member of a union, so status checks still narrow. */
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown
  ? Omit<T, K>
  : never

/** A query hook's result: the response's fields beside react-query's own. */
export type SpreadQueryResult<TResponse> = Partial<TResponse> &
  DistributiveOmit<UseQueryResult<TResponse, FetchError>, "data">

/** Drops empty values so they do not reach the query string. */
export const clean = <T extends object>(query?: T): Partial<T> | undefined => {
  if (!query) {
    return undefined
  }
  return Object.fromEntries(
    Object.entries(query).filter(
      ([, value]) => value !== undefined && value !== null && value !== ""
    )
  ) as Partial<T>
}

/** `/admin/marketing/segments/mseg_1/contacts`: the id is escaped. */
export const path = (base: string, id: string, suffix = "") =>
  `${base}/${encodeURIComponent(id)}${suffix}`

/** The shapes one REST resource reads and writes. */
type Resource = {
  params: object
  list: unknown
  record: unknown
  create?: Record<string, any>
  update?: Record<string, any>
  /** What create and update answer, when it is not `record`. */
  saved?: unknown
  deleted?: unknown
}

type Saved<R extends Resource> = R extends { saved: infer S } ? S : R["record"]

/**
 * The requests of one resource (`GET base`, `POST base`, and `GET`, `POST`,
 * `DELETE base/:id`), so each domain names its endpoints once.
 */
export const resourceRequests = <R extends Resource>(base: string) => ({
  list: (query?: R["params"]) =>
    sdk.client.fetch<R["list"]>(base, { query: clean(query) }),
  retrieve: (id: string) => sdk.client.fetch<R["record"]>(path(base, id)),
  create: (body: NonNullable<R["create"]>) =>
    sdk.client.fetch<Saved<R>>(base, { method: "POST", body }),
  update: (id: string, body: NonNullable<R["update"]>) =>
    sdk.client.fetch<Saved<R>>(path(base, id), { method: "POST", body }),
  remove: (id: string, query?: Record<string, unknown>) =>
    sdk.client.fetch<R["deleted"]>(path(base, id), {
      method: "DELETE",
      ...(query ? { query } : {}),
    }),
})

/** An unknown record stays unknown: do not retry a 404. */
export const retryUnless404 =
  (attempts = 1) =>
  (failureCount: number, error: FetchError | null) =>
    error?.status !== 404 && failureCount < attempts

/**
 * A query whose response fields are spread into the hook's result, as
 * Medusa's dashboard hooks return them (`const { segments, count } = ...`).
 * `ready` false (no id yet) keeps it from running, whatever the options say.
 */
export const useSpreadQuery = <TResponse>(
  query: Omit<
    UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
    "enabled"
  >,
  options?: QueryOptions<TResponse>,
  ready = true
): SpreadQueryResult<TResponse> => {
  const { data, ...rest } = useQuery({
    ...query,
    ...options,
    enabled: ready && (options?.enabled ?? true),
  })

  return { ...data, ...rest } as SpreadQueryResult<TResponse>
}

/**
 * A hook for a request without parameters (settings, the fields conditions
 * may use): `const useX = queryHook(keys.x(), fetchX)`.
 */
export const queryHook =
  <TResponse>(
    queryKey: QueryKey,
    queryFn: () => Promise<TResponse>,
    defaults?: Omit<QueryOptions<TResponse>, "enabled">
  ) =>
  (options?: QueryOptions<TResponse>) =>
    useSpreadQuery<TResponse>({ queryKey, queryFn, ...defaults }, options)

type ById<TResponse> = {
  key: (id: string) => QueryKey
  fetch: (id: string) => Promise<TResponse>
}

/** A query about one id (a record, a contact's segments...): waits for the id. */
export const useQueryById = <TResponse>(
  id: string | null | undefined,
  byId: ById<TResponse>,
  options?: QueryOptions<TResponse>,
  defaults?: Omit<QueryOptions<TResponse>, "enabled">
) =>
  useSpreadQuery<TResponse>(
    {
      queryKey: byId.key(id ?? ""),
      queryFn: () => byId.fetch(id!),
      ...defaults,
    },
    options,
    !!id
  )

/** One record by id: an unknown record stays unknown, so a 404 is final. */
export const useRecordQuery: typeof useQueryById = (
  id,
  record,
  options,
  defaults
) => useQueryById(id, record, options, { retry: retryUnless404(), ...defaults })

/**
 * A page of a list; keeps the previous page on screen while the next one
 * loads, so paging and filtering do not flash an empty table. Empty filters
 * are dropped before they reach the key and the request.
 */
export const useListQuery = <TResponse, TParams extends object>(
  list: {
    key: (query?: object) => QueryKey
    fetch: (query?: Partial<TParams>) => Promise<TResponse>
  },
  query: TParams | undefined,
  options?: QueryOptions<TResponse>,
  defaults?: Omit<QueryOptions<TResponse>, "enabled">,
  ready = true
) => {
  const cleaned = clean(query)
  return useSpreadQuery<TResponse>(
    {
      queryKey: list.key(cleaned),
      queryFn: () => list.fetch(cleaned),
      placeholderData: keepPreviousData,
      ...defaults,
    },
    options,
    ready
  )
}

/**
 * What the server makes of a form being edited (a count, a rendering). The
 * request follows the form `delayMs` after the last change; pass `undefined`
 * while the form is incomplete. `isDebouncing` is true while a newer body
 * waits for its turn; `debouncedBody` is the one the result belongs to.
 */
export const useDebouncedPreview = <TBody, TResponse>(
  body: TBody | undefined,
  delayMs: number,
  preview: {
    key: (body?: TBody) => QueryKey
    fetch: (body: TBody) => Promise<TResponse>
  },
  enabled = true
) => {
  const serialized = body ? JSON.stringify(body) : ""
  const debounced = useDebouncedValue(serialized, delayMs)
  const debouncedBody = useMemo(
    () => (debounced ? (JSON.parse(debounced) as TBody) : undefined),
    [debounced]
  )

  const query = useQuery<TResponse, FetchError>({
    queryKey: preview.key(debouncedBody),
    queryFn: () => preview.fetch(debouncedBody!),
    enabled: !!debouncedBody && enabled,
    placeholderData: keepPreviousData,
    // A 400 names the faulty condition or line; asking again will not fix it.
    retry: false,
    staleTime: 30_000,
  })

  return { query, debouncedBody, isDebouncing: serialized !== debounced }
}

/** How long a preview waits after the last edit before it asks the server. */
export const PREVIEW_DEBOUNCE_MS = 400

/**
 * A hook that counts what a form being edited would match (a segment's
 * definition, a scoring rule): `useDebouncedPreview` with the response's
 * fields spread. Pass `undefined` while the form is incomplete.
 */
export const previewHook =
  <TBody, TResponse>(preview: {
    key: (body?: TBody) => QueryKey
    fetch: (body: TBody) => Promise<TResponse>
  }) =>
  (body: TBody | undefined, options?: { enabled?: boolean }) => {
    const { query, isDebouncing } = useDebouncedPreview(
      body,
      PREVIEW_DEBOUNCE_MS,
      preview,
      options?.enabled
    )
    const { data, ...rest } = query
    return { ...data, ...rest, isDebouncing } as SpreadQueryResult<TResponse> & {
      isDebouncing: boolean
    }
  }

/**
 * An offset-paged list loaded one page at a time ("Load more"):
 * `fetchNextPage()` asks for the next page until `count` items are loaded.
 */
export const usePagedQuery = <TResponse extends { count: number }>(
  queryKey: QueryKey,
  fetchPage: (offset: number) => Promise<TResponse>,
  itemsOf: (page: TResponse) => unknown[] | undefined,
  options: {
    enabled?: boolean
    retry?: (failureCount: number, error: FetchError) => boolean
    initialPage?: TResponse
  } = {}
) =>
  useInfiniteQuery<
    TResponse,
    FetchError,
    InfiniteData<TResponse, number>,
    QueryKey,
    number
  >({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: 0,
    getNextPageParam: (lastPage, _allPages, lastPageParam) => {
      const received = itemsOf(lastPage)?.length ?? 0
      const next = lastPageParam + received
      if (!received || next >= (lastPage.count ?? 0)) {
        return undefined
      }
      return next
    },
    ...(options.retry ? { retry: options.retry } : {}),
    enabled: options.enabled ?? true,
    ...(options.initialPage
      ? { initialData: { pages: [options.initialPage], pageParams: [0] } }
      : {}),
  })

/** The cache changes a mutation makes on success, before any invalidation. */
export type CacheWrites<TResponse, TVariables> = {
  /** Queries to drop without asking again: the record is gone. */
  remove?: (data: TResponse, variables: TVariables) => QueryKey[]
  /** Stores the response as a query's data, so the page shows it at once. */
  set?: (data: TResponse, variables: TVariables) => QueryKey
}

/**
 * A mutation that refreshes the queries it affects. The caller's options are
 * spread first and its `onSuccess` runs after the invalidation (not instead
 * of it, as when options are spread last), so a caller that closes a modal
 * or navigates never leaves stale lists behind.
 */
export const useInvalidatingMutation = <TResponse, TVariables = void>(
  fn: (variables: TVariables) => Promise<TResponse>,
  keysToInvalidate:
    | QueryKey[]
    | ((data: TResponse, variables: TVariables) => QueryKey[]),
  options?: MutationOptions<TResponse, TVariables>,
  writes: CacheWrites<TResponse, TVariables> = {}
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: fn,
    onSuccess: (data, variables, context) => {
      for (const queryKey of writes.remove?.(data, variables) ?? []) {
        queryClient.removeQueries({ queryKey })
      }
      if (writes.set) {
        queryClient.setQueryData(writes.set(data, variables), data)
      }
      const keys =
        typeof keysToInvalidate === "function"
          ? keysToInvalidate(data, variables)
          : keysToInvalidate
      for (const queryKey of keys) {
        queryClient.invalidateQueries({ queryKey })
      }
      return options?.onSuccess?.(data, variables, context)
    },
  })
}
