import { Container } from "@medusajs/ui"
import { useState } from "react"
import { LoadMoreFooter } from "../../../../../components/load-more-footer"
import { ScoreEntryItem } from "../../../../../components/score-entry-item"
import { SectionHeader } from "../../../../../components/section-header"
import {
  SHOW_ALL,
  SectionFilterSelect,
  SectionStates,
  countLabel,
} from "../../../../../components/section-states"
import { useContactScoreHistory } from "../../../../../hooks/api/scoring"
import type { ScoreKind } from "../../../../../lib/types"

const PAGE_SIZE = 10

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
  const [score, setScore] = useState<string>(SHOW_ALL)
  const scoreFilter = score === SHOW_ALL ? undefined : (score as ScoreKind)
  const history = useContactScoreHistory(contactId, {
    limit: PAGE_SIZE,
    score: scoreFilter,
  })
  const { entries, count } = history

  return (
    <Container className="divide-y p-0" data-testid="marketing-score-history">
      <SectionHeader
        wrap
        title="Score history"
        description={countLabel(count, ["change", "changes"], "Score changes, newest first")}
        actions={
          <SectionFilterSelect
            label="Score"
            value={score}
            onChange={setScore}
            allLabel="Both scores"
            options={SCORE_OPTIONS}
          />
        }
      />
      <SectionStates
        {...history}
        what="score history"
        isEmpty={entries.length === 0}
        skeleton={[250, 200, 160]}
        empty={{
          heading: "No score changes",
          description: scoreFilter
            ? "This score has not changed for this contact yet."
            : "No scoring rule has matched this contact yet.",
        }}
      >
        <ol className="divide-y">
          {entries.map((entry) => (
            <ScoreEntryItem key={entry.id} entry={entry} />
          ))}
        </ol>
      </SectionStates>
      <LoadMoreFooter {...history} shown={entries.length} total={count} />
    </Container>
  )
}
