import { Button, Text } from "@medusajs/ui"

type LoadMoreFooterProps = {
  shown: number
  total?: number
  /** The infinite query's state: the footer shows only when there is more. */
  hasNextPage?: boolean
  isPending?: boolean
  isError?: boolean
  isFetchingNextPage: boolean
  fetchNextPage: () => unknown
}

/** "Showing 20 of 45" with a "Load more" button, under a paginated list. */
export const LoadMoreFooter = ({
  shown,
  total,
  hasNextPage,
  isPending,
  isError,
  isFetchingNextPage,
  fetchNextPage,
}: LoadMoreFooterProps) =>
  hasNextPage && !isPending && !isError ? (
    <div className="flex items-center justify-between gap-x-4 px-6 py-4">
      <Text size="small" leading="compact" className="text-ui-fg-muted">
        Showing {shown} of {total ?? shown}
      </Text>
      <Button
        size="small"
        variant="secondary"
        isLoading={isFetchingNextPage}
        onClick={() => fetchNextPage()}
      >
        Load more
      </Button>
    </div>
  ) : null
