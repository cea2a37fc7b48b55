import { Button, Text } from "@medusajs/ui"

type LoadMoreFooterProps = {
  shown: number
  total?: number
  isLoading: boolean
  onLoadMore: () => void
}

/** "Showing 20 of 45" with a "Load more" button, under a paginated list. */
export const LoadMoreFooter = ({ shown, total, isLoading, onLoadMore }: LoadMoreFooterProps) => (
  <div className="flex items-center justify-between gap-x-4 px-6 py-4">
    <Text size="small" leading="compact" className="text-ui-fg-muted">
      Showing {shown} of {total ?? shown}
    </Text>
    <Button size="small" variant="secondary" isLoading={isLoading} onClick={onLoadMore}>
      Load more
    </Button>
  </div>
)
