import { useQuery } from "@tanstack/react-query"
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
import {
  clean,
  path,
  resourceRequests,
  useInvalidatingMutation,
  useListQuery,
  useQueryById,
  useRecordQuery,
  previewHook,
  type MutationOptions,
  queryHook,
  type QueryOptions,
} from "./utils"

const SEGMENTS = "/admin/marketing/segments"
const CONTACTS = "/admin/marketing/contacts"

// Requests

const segments = resourceRequests<{
  params: SegmentListParams
  list: SegmentListResponse
  record: SegmentResponse
  create: CreateSegmentBody
  update: UpdateSegmentBody
  deleted: SegmentDeleteResponse
}>(SEGMENTS)

export const fetchSegments = segments.list
export const fetchSegment = segments.retrieve
export const createSegment = segments.create
export const updateSegment = segments.update
export const deleteSegment = (id: string) => segments.remove(id)

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
) =>
  useListQuery({ key: segmentQueryKeys.list, fetch: fetchSegments }, query, options, {
    refetchInterval: (q) =>
      q.state.data?.segments?.some((segment) => !segment.built_at)
        ? SEGMENT_BUILD_POLL_MS
        : false,
  })

export const useSegment = (
  id: string | undefined,
  options?: QueryOptions<SegmentResponse>
) =>
  useRecordQuery(
    id,
    { key: (id) => segmentQueryKeys.detail(id), fetch: fetchSegment },
    options,
    {
      refetchInterval: (q) =>
        q.state.data && !q.state.data.segment?.built_at
          ? SEGMENT_BUILD_POLL_MS
          : false,
    }
  )

/**
 * A change to one segment can change any list, count and membership, and
 * mirroring to a customer group changes Medusa's groups.
 */
const SEGMENT_CHANGES = [
  segmentQueryKeys.all,
  storeQueryKeys.customerGroupLists(),
]

export const useCreateSegment = (
  options?: MutationOptions<SegmentResponse, CreateSegmentBody>
) => useInvalidatingMutation(createSegment, SEGMENT_CHANGES, options)

export const useUpdateSegment = (
  id: string,
  options?: MutationOptions<SegmentResponse, UpdateSegmentBody>
) =>
  useInvalidatingMutation(
    (body: UpdateSegmentBody) => updateSegment(id, body),
    SEGMENT_CHANGES,
    options,
    { set: () => segmentQueryKeys.detail(id) }
  )

export const useDeleteSegment = (
  id: string,
  options?: MutationOptions<SegmentDeleteResponse, void>
) =>
  useInvalidatingMutation(() => deleteSegment(id), SEGMENT_CHANGES, options, {
    // Do not ask for the deleted segment (or its members) again.
    remove: () => [segmentQueryKeys.one(id)],
  })

/** A page of a segment's members, the latest to enter first. */
export const useSegmentMembers = (
  id: string | undefined,
  query?: SegmentMemberListParams,
  options?: QueryOptions<SegmentMemberListResponse>
) =>
  useListQuery(
    {
      key: (cleaned) => segmentQueryKeys.members(id ?? "", cleaned),
      fetch: (cleaned) => fetchSegmentMembers(id!, cleaned),
    },
    query,
    options,
    {},
    !!id
  )

/** How many contacts a definition being edited matches, and a few of them. */
export const useSegmentPreview = previewHook({
  key: segmentQueryKeys.preview,
  fetch: previewSegment,
})

/** The fields, event types and purchase metrics conditions may use. */
export const useSegmentFields = queryHook(
  segmentQueryKeys.fields(),
  fetchSegmentFields,
  { staleTime: 5 * 60_000 }
)

// Built-in segments

export const useBuiltInSegments = queryHook(
  segmentQueryKeys.builtIns(),
  fetchBuiltInSegments
)

export const useAddBuiltInSegment = (
  options?: MutationOptions<SegmentResponse, string>
) => useInvalidatingMutation(addBuiltInSegment, SEGMENT_CHANGES, options)

// A contact's segments

export const useContactSegments = (
  contactId: string | undefined,
  options?: QueryOptions<ContactSegmentListResponse>
) =>
  useQueryById(
    contactId,
    { key: segmentQueryKeys.ofContact, fetch: fetchContactSegments },
    options
  )

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
