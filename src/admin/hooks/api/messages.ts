import { FetchError } from "@medusajs/js-sdk"
import {
  InfiniteData,
  QueryKey,
  useInfiniteQuery,
} from "@tanstack/react-query"
import { messageQueryKeys } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type { MessageListParams, MessageListResponse } from "../../lib/types"
import { clean } from "./contacts"

const MESSAGES = "/admin/marketing/messages"

export const fetchMessages = (query?: MessageListParams) =>
  sdk.client.fetch<MessageListResponse>(MESSAGES, { query: clean(query) })

const DEFAULT_PAGE_SIZE = 10

/**
 * Emails sent (or queued) to contacts, newest first, one page at a time:
 * `fetchNextPage()` loads the next page; `messages` holds every page so far.
 */
export const useMessages = (
  query?: Omit<MessageListParams, "offset">,
  options?: { enabled?: boolean }
) => {
  const limit = query?.limit ?? DEFAULT_PAGE_SIZE
  const params = clean({ ...query, limit })

  const result = useInfiniteQuery<
    MessageListResponse,
    FetchError,
    InfiniteData<MessageListResponse, number>,
    QueryKey,
    number
  >({
    queryKey: messageQueryKeys.list(params),
    queryFn: ({ pageParam }) => fetchMessages({ ...params, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (lastPage, _allPages, lastPageParam) => {
      const received = lastPage.messages?.length ?? 0
      const next = lastPageParam + received
      if (!received || next >= (lastPage.count ?? 0)) {
        return undefined
      }
      return next
    },
    // A server without the route answers 404: asking again will not help.
    retry: (failureCount, error) => error?.status !== 404 && failureCount < 1,
    enabled: options?.enabled ?? true,
  })

  const pages = result.data?.pages ?? []
  const messages = pages.flatMap((page) => page.messages ?? [])
  const count = pages.length ? pages[pages.length - 1].count : undefined

  return { ...result, messages, count }
}
