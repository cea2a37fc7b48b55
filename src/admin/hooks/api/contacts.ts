import { FetchError } from "@medusajs/js-sdk"
import {
  InfiniteData,
  QueryKey,
  UseMutationOptions,
  UseQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { consentQueryKeys, contactQueryKeys } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  ConsentRecordListResponse,
  ContactEraseResponse,
  ContactEventListParams,
  ContactEventListResponse,
  ContactListParams,
  ContactListResponse,
  ContactResponse,
} from "../../lib/types"

const BASE = "/admin/marketing/contacts"

type QueryOptions<TResponse> = Omit<
  UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
  "queryKey" | "queryFn"
>

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

export const fetchContacts = (query?: ContactListParams) =>
  sdk.client.fetch<ContactListResponse>(BASE, { query: clean(query) })

export const fetchContact = (id: string) =>
  sdk.client.fetch<ContactResponse>(`${BASE}/${encodeURIComponent(id)}`)

export const fetchContactEvents = (
  id: string,
  query?: ContactEventListParams
) =>
  sdk.client.fetch<ContactEventListResponse>(
    `${BASE}/${encodeURIComponent(id)}/events`,
    { query: clean(query) }
  )

/**
 * A page of contacts. Keeps the previous page on screen while the next one
 * loads, so paging and filtering do not flash an empty table.
 */
export const useContacts = (
  query?: ContactListParams,
  options?: QueryOptions<ContactListResponse>
) => {
  const cleaned = clean(query)
  const { data, ...rest } = useQuery({
    queryKey: contactQueryKeys.list(cleaned),
    queryFn: () => fetchContacts(cleaned),
    placeholderData: keepPreviousData,
    ...options,
  })

  return { ...data, ...rest }
}

/** One contact with its visitors and its 20 most recent events. */
export const useContact = (
  id: string | undefined,
  options?: QueryOptions<ContactResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: contactQueryKeys.detail(id ?? ""),
    queryFn: () => fetchContact(id!),
    // An unknown contact stays unknown: do not retry a 404.
    retry: (failureCount, error) => error?.status !== 404 && failureCount < 1,
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

const DEFAULT_EVENTS_PAGE_SIZE = 20

/**
 * A contact's events, newest first, one page at a time: `fetchNextPage()`
 * loads the next page ("Load more"); `events` holds every page loaded so far.
 */
export const useContactEvents = (
  id: string | undefined,
  query?: Omit<ContactEventListParams, "offset">,
  options?: {
    enabled?: boolean
    /**
     * The first page when it is already at hand (the contact detail response
     * carries the 20 newest events), so the timeline shows without a request.
     */
    initialPage?: ContactEventListResponse
  }
) => {
  const limit = query?.limit ?? DEFAULT_EVENTS_PAGE_SIZE
  const params = clean({ ...query, limit })

  const result = useInfiniteQuery<
    ContactEventListResponse,
    FetchError,
    InfiniteData<ContactEventListResponse, number>,
    QueryKey,
    number
  >({
    queryKey: contactQueryKeys.events(id ?? "", params),
    queryFn: ({ pageParam }) =>
      fetchContactEvents(id!, { ...params, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (lastPage, _allPages, lastPageParam) => {
      const received = lastPage.events?.length ?? 0
      const next = lastPageParam + received
      if (!received || next >= (lastPage.count ?? 0)) {
        return undefined
      }
      return next
    },
    enabled: !!id && (options?.enabled ?? true),
    ...(options?.initialPage
      ? {
          initialData: {
            pages: [options.initialPage],
            pageParams: [0],
          },
        }
      : {}),
  })

  const pages = result.data?.pages ?? []
  const events = pages.flatMap((page) => page.events ?? [])
  const count = pages.length ? pages[pages.length - 1].count : undefined

  return { ...result, events, count }
}

// Consent history and personal data

const contactPath = (id: string, suffix: string) =>
  `${BASE}/${encodeURIComponent(id)}${suffix}`

export const fetchContactConsentRecords = (id: string) =>
  sdk.client.fetch<ConsentRecordListResponse>(contactPath(id, "/consent"))

/** Everything the plugin stores about the contact, as JSON. */
export const exportContactData = (id: string) =>
  sdk.client.fetch<Record<string, unknown>>(contactPath(id, "/export"))

export const eraseContact = (id: string) =>
  sdk.client.fetch<ContactEraseResponse>(contactPath(id, "/erase"), {
    method: "POST",
  })

/** The contact's email marketing consent changes: the proof of each one. */
export const useContactConsentRecords = (
  id: string | undefined,
  options?: QueryOptions<ConsentRecordListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: consentQueryKeys.ofContact(id ?? ""),
    queryFn: () => fetchContactConsentRecords(id!),
    // A server without the route answers 404: asking again will not help.
    retry: (failureCount, error) => error?.status !== 404 && failureCount < 1,
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

/** Erases the contact and everything the plugin stores about them. */
export const useEraseContact = (
  id: string,
  options?: Omit<
    UseMutationOptions<ContactEraseResponse, FetchError, void>,
    "mutationFn"
  >
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => eraseContact(id),
    onSuccess: async (data, variables, context) => {
      // The caller leaves the contact's page first, so nothing asks for it again.
      await options?.onSuccess?.(data, variables, context)
      queryClient.removeQueries({ queryKey: contactQueryKeys.detail(id) })
      queryClient.removeQueries({ queryKey: consentQueryKeys.ofContact(id) })
      // Lists, counts, segments and scores may all have included them.
      queryClient.invalidateQueries({ queryKey: ["marketing"] })
    },
  })
}
