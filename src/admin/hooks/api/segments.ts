import { FetchError } from "@medusajs/js-sdk"
import {
  QueryKey,
  UseMutationOptions,
  UseQueryOptions,
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { useMemo } from "react"
import { segmentQueryKeys, storeQueryKeys } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  BuiltInSegmentListResponse,
  ContactSegmentListResponse,
  CreateSegmentBody,
  SegmentDeleteResponse,
  SegmentFieldsResponse,
  SegmentListParams,
  SegmentListResponse,
  SegmentMemberListParams,
  SegmentMemberListResponse,
  SegmentPreviewBody,
  SegmentPreviewResponse,
  SegmentResponse,
  UpdateSegmentBody,
} from "../../lib/types"
import { useDebouncedValue } from "../use-debounced-value"
import { clean } from "./contacts"

const SEGMENTS = "/admin/marketing/segments"
const CONTACTS = "/admin/marketing/contacts"

type QueryOptions<TResponse> = Omit<
  UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
  "queryKey" | "queryFn"
>

type MutationOptions<TResponse, TVariables> = Omit<
  UseMutationOptions<TResponse, FetchError, TVariables>,
  "mutationFn"
>

const path = (base: string, id: string, suffix = "") =>
  `${base}/${encodeURIComponent(id)}${suffix}`

// Requests

export const fetchSegments = (query?: SegmentListParams) =>
  sdk.client.fetch<SegmentListResponse>(SEGMENTS, { query: clean(query) })

export const fetchSegment = (id: string) =>
  sdk.client.fetch<SegmentResponse>(path(SEGMENTS, id))

export const createSegment = (body: CreateSegmentBody) =>
  sdk.client.fetch<SegmentResponse>(SEGMENTS, { method: "POST", body })

export const updateSegment = (id: string, body: UpdateSegmentBody) =>
  sdk.client.fetch<SegmentResponse>(path(SEGMENTS, id), {
    method: "POST",
    body,
  })

export const deleteSegment = (id: string) =>
  sdk.client.fetch<SegmentDeleteResponse>(path(SEGMENTS, id), {
    method: "DELETE",
  })

export const fetchSegmentMembers = (
  id: string,
  query?: SegmentMemberListParams
) =>
  sdk.client.fetch<SegmentMemberListResponse>(path(SEGMENTS, id, "/contacts"), {
    query: clean(query),
  })

export const previewSegment = (body: SegmentPreviewBody) =>
  sdk.client.fetch<SegmentPreviewResponse>(`${SEGMENTS}/preview`, {
    method: "POST",
    body,
  })

export const fetchSegmentFields = () =>
  sdk.client.fetch<SegmentFieldsResponse>(`${SEGMENTS}/fields`)

export const fetchBuiltInSegments = () =>
  sdk.client.fetch<BuiltInSegmentListResponse>(`${SEGMENTS}/built-ins`)

export const addBuiltInSegment = (key: string) =>
  sdk.client.fetch<SegmentResponse>(`${SEGMENTS}/built-ins`, {
    method: "POST",
    body: { key },
  })

export const fetchContactSegments = (contactId: string) =>
  sdk.client.fetch<ContactSegmentListResponse>(
    path(CONTACTS, contactId, "/segments")
  )

// Segments

/**
 * How often lists and details ask again while a segment's members are still
 * being computed (its `built_at` is null).
 */
export const SEGMENT_BUILD_POLL_MS = 2000

/** A page of segments; keeps the previous page on screen while paging. */
export const useSegments = (
  query?: SegmentListParams,
  options?: QueryOptions<SegmentListResponse>
) => {
  const cleaned = clean(query)
  const { data, ...rest } = useQuery({
    queryKey: segmentQueryKeys.list(cleaned),
    queryFn: () => fetchSegments(cleaned),
    placeholderData: keepPreviousData,
    refetchInterval: (q) =>
      q.state.data?.segments?.some((segment) => !segment.built_at)
        ? SEGMENT_BUILD_POLL_MS
        : false,
    ...options,
  })

  return { ...data, ...rest }
}

export const useSegment = (
  id: string | undefined,
  options?: QueryOptions<SegmentResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: segmentQueryKeys.detail(id ?? ""),
    queryFn: () => fetchSegment(id!),
    // An unknown segment stays unknown: do not retry a 404.
    retry: (failureCount, error) => error?.status !== 404 && failureCount < 1,
    refetchInterval: (q) =>
      q.state.data && !q.state.data.segment?.built_at
        ? SEGMENT_BUILD_POLL_MS
        : false,
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

/** A change to one segment can change any list, count and membership. */
const useInvalidateSegments = () => {
  const queryClient = useQueryClient()
  return () => {
    queryClient.invalidateQueries({ queryKey: segmentQueryKeys.all })
    // Mirroring to a customer group changes Medusa's groups.
    queryClient.invalidateQueries({
      queryKey: storeQueryKeys.customerGroupLists(),
    })
  }
}

export const useCreateSegment = (
  options?: MutationOptions<SegmentResponse, CreateSegmentBody>
) => {
  const invalidate = useInvalidateSegments()
  return useMutation({
    ...options,
    mutationFn: (body: CreateSegmentBody) => createSegment(body),
    onSuccess: (data, variables, context) => {
      invalidate()
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const useUpdateSegment = (
  id: string,
  options?: MutationOptions<SegmentResponse, UpdateSegmentBody>
) => {
  const queryClient = useQueryClient()
  const invalidate = useInvalidateSegments()
  return useMutation({
    ...options,
    mutationFn: (body: UpdateSegmentBody) => updateSegment(id, body),
    onSuccess: (data, variables, context) => {
      queryClient.setQueryData(segmentQueryKeys.detail(id), data)
      invalidate()
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const useDeleteSegment = (
  id: string,
  options?: MutationOptions<SegmentDeleteResponse, void>
) => {
  const queryClient = useQueryClient()
  const invalidate = useInvalidateSegments()
  return useMutation({
    ...options,
    mutationFn: () => deleteSegment(id),
    onSuccess: (data, variables, context) => {
      // Do not ask for the deleted segment again.
      queryClient.removeQueries({ queryKey: segmentQueryKeys.detail(id) })
      queryClient.removeQueries({ queryKey: segmentQueryKeys.members(id) })
      invalidate()
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

/** A page of a segment's members, the latest to enter first. */
export const useSegmentMembers = (
  id: string | undefined,
  query?: SegmentMemberListParams,
  options?: QueryOptions<SegmentMemberListResponse>
) => {
  const cleaned = clean(query)
  const { data, ...rest } = useQuery({
    queryKey: segmentQueryKeys.members(id ?? "", cleaned),
    queryFn: () => fetchSegmentMembers(id!, cleaned),
    placeholderData: keepPreviousData,
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

export const SEGMENT_PREVIEW_DEBOUNCE_MS = 400

/**
 * How many contacts a definition being edited matches, and a few of them.
 * The request follows the builder 400 ms after the last change; pass
 * `undefined` while the definition is incomplete. `isDebouncing` is true
 * while a newer definition waits for its turn.
 */
export const useSegmentPreview = (
  body: SegmentPreviewBody | undefined,
  options?: { enabled?: boolean }
) => {
  const serialized = body ? JSON.stringify(body) : ""
  const debounced = useDebouncedValue(serialized, SEGMENT_PREVIEW_DEBOUNCE_MS)
  const debouncedBody = useMemo(
    () =>
      debounced ? (JSON.parse(debounced) as SegmentPreviewBody) : undefined,
    [debounced]
  )

  const { data, ...rest } = useQuery({
    queryKey: segmentQueryKeys.preview(debouncedBody),
    queryFn: () => previewSegment(debouncedBody!),
    enabled: !!debouncedBody && (options?.enabled ?? true),
    placeholderData: keepPreviousData,
    // A 400 names the bad condition; asking again will not fix it.
    retry: false,
    staleTime: 30_000,
  })

  return { ...data, ...rest, isDebouncing: serialized !== debounced }
}

/** The fields, event types and purchase metrics conditions may use. */
export const useSegmentFields = (
  options?: QueryOptions<SegmentFieldsResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: segmentQueryKeys.fields(),
    queryFn: fetchSegmentFields,
    staleTime: 5 * 60_000,
    ...options,
  })

  return { ...data, ...rest }
}

// Built-in segments

export const useBuiltInSegments = (
  options?: QueryOptions<BuiltInSegmentListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: segmentQueryKeys.builtIns(),
    queryFn: fetchBuiltInSegments,
    ...options,
  })

  return { ...data, ...rest }
}

export const useAddBuiltInSegment = (
  options?: MutationOptions<SegmentResponse, string>
) => {
  const invalidate = useInvalidateSegments()
  return useMutation({
    ...options,
    mutationFn: (key: string) => addBuiltInSegment(key),
    onSuccess: (data, variables, context) => {
      invalidate()
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

// A contact's segments

export const useContactSegments = (
  contactId: string | undefined,
  options?: QueryOptions<ContactSegmentListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: segmentQueryKeys.ofContact(contactId ?? ""),
    queryFn: () => fetchContactSegments(contactId!),
    ...options,
    enabled: !!contactId && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

// Medusa's own resources

const CUSTOMER_GROUP_LIMIT = 200

/** The store's customer groups (id and name), for the builder's picker. */
export const useCustomerGroupOptions = (options?: { enabled?: boolean }) => {
  const query = { limit: CUSTOMER_GROUP_LIMIT, fields: "id,name" }
  const { data, ...rest } = useQuery({
    queryKey: storeQueryKeys.customerGroups(query),
    queryFn: () => sdk.admin.customerGroup.list(query),
    staleTime: 60_000,
    enabled: options?.enabled ?? true,
  })

  return { customer_groups: data?.customer_groups, ...rest }
}

/** The currencies the store sells in, default first (lowercase codes). */
export const useStoreCurrencies = () => {
  const { data, ...rest } = useQuery({
    queryKey: storeQueryKeys.currencies(),
    queryFn: () => sdk.admin.store.list({ fields: "id,*supported_currencies" }),
    staleTime: 5 * 60_000,
  })
  const currencies = useMemo(() => {
    const supported = data?.stores?.[0]?.supported_currencies ?? []
    return [...supported]
      .sort((a, b) => Number(b.is_default) - Number(a.is_default))
      .map((currency) => currency.currency_code.toLowerCase())
  }, [data])

  return { currencies, ...rest }
}
