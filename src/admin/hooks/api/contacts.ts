import { useMutation, useQueryClient } from "@tanstack/react-query"
import { contactQueryKeys } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  ConsentRecordListResponse,
  ContactEraseResponse,
  ContactEventListParams,
  ContactEventListResponse,
  ContactListParams,
  ContactListResponse,
  ContactResponse,
  ContactSessionsResponse,
} from "../../lib/types"
import {
  clean,
  path,
  resourceRequests,
  usePagedQuery,
  useListQuery,
  useQueryById,
  useRecordQuery,
  type MutationOptions,
  type QueryOptions,
} from "./utils"

// Kept importable from here: pages and older hooks import it from this file.
export { clean }

const BASE = "/admin/marketing/contacts"

const contacts = resourceRequests<{
  params: ContactListParams
  list: ContactListResponse
  record: ContactResponse
}>(BASE)

export const fetchContacts = contacts.list
export const fetchContact = contacts.retrieve

export const fetchContactEvents = (
  id: string,
  query?: ContactEventListParams
) =>
  sdk.client.fetch<ContactEventListResponse>(path(BASE, id, "/events"), {
    query: clean(query),
  })

/**
 * A page of contacts. Keeps the previous page on screen while the next one
 * loads, so paging and filtering do not flash an empty table.
 */
export const useContacts = (
  query?: ContactListParams,
  options?: QueryOptions<ContactListResponse>
) =>
  useListQuery(
    { key: contactQueryKeys.list, fetch: fetchContacts },
    query,
    options
  )

/** One contact with its visitors and its 20 most recent events. */
export const useContact = (
  id: string | undefined,
  options?: QueryOptions<ContactResponse>
) =>
  useRecordQuery(
    id,
    { key: (id) => contactQueryKeys.detail(id), fetch: fetchContact },
    options
  )

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

  const result = usePagedQuery(
    contactQueryKeys.events(id ?? "", params),
    (offset) => fetchContactEvents(id!, { ...params, offset }),
    (page) => page.events,
    {
      enabled: !!id && (options?.enabled ?? true),
      initialPage: options?.initialPage,
    }
  )

  const pages = result.data?.pages ?? []
  const events = pages.flatMap((page) => page.events ?? [])
  const count = pages.length ? pages[pages.length - 1].count : undefined

  return { ...result, events, count }
}

// Consent history and personal data

export const fetchContactConsentRecords = (id: string) =>
  sdk.client.fetch<ConsentRecordListResponse>(path(BASE, id, "/consent"))

/** Everything the plugin stores about the contact, as JSON. */
export const exportContactData = (id: string) =>
  sdk.client.fetch<Record<string, unknown>>(path(BASE, id, "/export"))

export const eraseContact = (id: string) =>
  sdk.client.fetch<ContactEraseResponse>(path(BASE, id, "/erase"), {
    method: "POST",
  })

/** The contact's email marketing consent changes: the proof of each one. */
export const useContactConsentRecords = (
  id: string | undefined,
  options?: QueryOptions<ConsentRecordListResponse>
) =>
  // A server without the route answers 404: asking again will not help.
  useRecordQuery(
    id,
    { key: contactQueryKeys.consent, fetch: fetchContactConsentRecords },
    options
  )

/**
 * Erases the contact and everything the plugin stores about them. Unlike the
 * other mutations, the caller's `onSuccess` runs first: it leaves the
 * contact's page, so nothing asks for the erased contact again.
 */
export const useEraseContact = (
  id: string,
  options?: MutationOptions<ContactEraseResponse, void>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => eraseContact(id),
    onSuccess: async (data, variables, context) => {
      await options?.onSuccess?.(data, variables, context)
      // The contact, its events and its consent history.
      queryClient.removeQueries({ queryKey: contactQueryKeys.one(id) })
      // Lists, counts, segments and scores may all have included them.
      queryClient.invalidateQueries({ queryKey: ["marketing"] })
    },
  })
}

export const fetchContactSessions = (id: string) =>
  sdk.client.fetch<ContactSessionsResponse>(path(BASE, id, "/sessions"))

/** The contact's latest sessions, its totals and its engaged time per page and category. */
export const useContactSessions = (
  id: string | undefined,
  options?: QueryOptions<ContactSessionsResponse>
) =>
  useQueryById(
    id,
    { key: contactQueryKeys.sessions, fetch: fetchContactSessions },
    options
  )
