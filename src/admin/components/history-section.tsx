import { Container } from "@medusajs/ui"
import type { ReactNode } from "react"
import { LoadMoreFooter } from "./load-more-footer"
import { SectionHeader } from "./section-header"
import { SectionStates, countLabel } from "./section-states"

type PagedQuery = {
  count?: number
  isPending: boolean
  isError: boolean
  error?: Error | null
  hasNextPage?: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
}

/**
 * A contact's history, newest first: a count in the header, a filter,
 * the items (with their loading, error and empty states) and "Load more".
 */
export const HistorySection = <T extends { id: string }>({
  title,
  testId,
  noun,
  placeholder,
  filter,
  query,
  items,
  empty,
  children,
}: {
  title: string
  testId: string
  /** One and many, e.g. ["event", "events"]. */
  noun: [string, string]
  /** The header's line until the count is known. */
  placeholder: string
  filter: ReactNode
  query: PagedQuery
  items: T[]
  empty: { heading: string; description: string }
  children: (item: T) => ReactNode
}) => (
  <Container className="divide-y p-0" data-testid={testId}>
    <SectionHeader
      wrap
      title={title}
      description={countLabel(query.count, noun, placeholder)}
      actions={filter}
    />
    <SectionStates
      {...query}
      what={title.toLowerCase()}
      isEmpty={items.length === 0}
      skeleton={[250, 200, 160]}
      empty={empty}
    >
      <ol className="divide-y">{items.map(children)}</ol>
    </SectionStates>
    <LoadMoreFooter {...query} shown={items.length} total={query.count} />
  </Container>
)
