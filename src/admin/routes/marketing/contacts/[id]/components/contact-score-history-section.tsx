import { Container, Heading, Select, Skeleton, Text } from "@medusajs/ui"
import { useState } from "react"
import { ScoreEntryItem } from "../../../../../components/score-entry-item"
import { useContactScoreHistory } from "../../../../../hooks/api/scoring"
import type { ScoreKind } from "../../../../../lib/types"
import { LoadMoreFooter } from "../../../../../components/load-more-footer"

const PAGE_SIZE = 10
const ALL_SCORES = "all"

const SCORE_OPTIONS: { value: ScoreKind; label: string }[] = [
  { value: "acquisition", label: "Acquisition" },
  { value: "loyalty", label: "Loyalty" },
]

/** The score ledger: every change to the contact's scores, newest first. */
export const ContactScoreHistorySection = ({
  contactId,
}: {
  contactId: string
}) => {
  const [score, setScore] = useState<string>(ALL_SCORES)
  const scoreFilter =
    score === ALL_SCORES ? undefined : (score as ScoreKind)

  const {
    entries,
    count,
    isPending,
    isError,
    error,
    hasNextPage,
    fetchNextPage,
    isFetchingNextPage,
  } = useContactScoreHistory(contactId, {
    limit: PAGE_SIZE,
    score: scoreFilter,
  })

  return (
    <Container className="divide-y p-0" data-testid="marketing-score-history">
      <div className="flex flex-col items-start justify-between gap-2 px-6 py-4 md:flex-row md:items-center">
        <div className="flex flex-col">
          <Heading level="h2">Score history</Heading>
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            {count === undefined
              ? "Score changes, newest first"
              : `${count} ${count === 1 ? "change" : "changes"}, newest first`}
          </Text>
        </div>
        <div className="w-[200px]">
          <Select
            size="small"
            value={score}
            onValueChange={(value) => value && setScore(value)}
          >
            <Select.Trigger aria-label="Score">
              <Select.Value placeholder="Both scores" />
            </Select.Trigger>
            <Select.Content>
              <Select.Item value={ALL_SCORES}>Both scores</Select.Item>
              {SCORE_OPTIONS.map((option) => (
                <Select.Item key={option.value} value={option.value}>
                  {option.label}
                </Select.Item>
              ))}
            </Select.Content>
          </Select>
        </div>
      </div>

      {isPending ? (
        <div className="flex flex-col gap-y-3 px-6 py-4">
          <Skeleton className="h-5 w-[250px]" />
          <Skeleton className="h-5 w-[200px]" />
          <Skeleton className="h-5 w-[160px]" />
        </div>
      ) : isError ? (
        <div className="px-6 py-4">
          <Text size="small" className="text-ui-fg-error">
            The score history could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : entries.length === 0 ? (
        <div className="flex flex-col items-center justify-center px-6 py-8">
          <Text size="small" weight="plus">
            No score changes
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            {scoreFilter
              ? "This score has not changed for this contact yet."
              : "No scoring rule has matched this contact yet."}
          </Text>
        </div>
      ) : (
        <ol className="divide-y">
          {entries.map((entry) => (
            <ScoreEntryItem key={entry.id} entry={entry} />
          ))}
        </ol>
      )}

      {hasNextPage && !isPending && !isError ? (
        <LoadMoreFooter
          shown={entries.length}
          total={count}
          isLoading={isFetchingNextPage}
          onLoadMore={() => fetchNextPage()}
        />
      ) : null}
    </Container>
  )
}
