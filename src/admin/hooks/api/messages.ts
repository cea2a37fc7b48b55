import { messageQueryKeys } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type { MessageListParams, MessageListResponse } from "../../lib/types"
import { clean, retryUnless404, usePagedQuery } from "./utils"

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

  const result = usePagedQuery(
    messageQueryKeys.list(params),
    (offset) => fetchMessages({ ...params, offset }),
    (page) => page.messages,
    {
      // A server without the route answers 404: asking again will not help.
      retry: retryUnless404(),
      enabled: options?.enabled ?? true,
    }
  )

  const pages = result.data?.pages ?? []
  const messages = pages.flatMap((page) => page.messages ?? [])
  const count = pages.length ? pages[pages.length - 1].count : undefined

  return { ...result, messages, count }
}
