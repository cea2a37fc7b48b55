import { useState } from "react"
import { HistorySection } from "../../../../../components/history-section"
import { ScoreEntryItem } from "../../../../../components/score-entry-item"
import {
  SHOW_ALL,
  SectionFilterSelect,
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

  return (
    <HistorySection
      title="Score history"
      testId="marketing-score-history"
      noun={["change", "changes"]}
      placeholder="Score changes, newest first"
      filter={
        <SectionFilterSelect
          label="Score"
          value={score}
          onChange={setScore}
          allLabel="Both scores"
          options={SCORE_OPTIONS}
        />
      }
      query={history}
      items={history.entries}
      empty={{
        heading: "No score changes",
        description: scoreFilter
          ? "This score has not changed for this contact yet."
          : "No scoring rule has matched this contact yet.",
      }}
    >
      {(entry) => <ScoreEntryItem key={entry.id} entry={entry} />}
    </HistorySection>
  )
}
