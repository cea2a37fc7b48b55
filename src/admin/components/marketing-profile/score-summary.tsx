import { useContactScoreHistory } from "../../hooks/api/scoring"
import { formatScore } from "../../lib/scoring"
import type { Contact } from "../../lib/types"
import { LifecycleStageBadge } from "../lifecycle-stage-badge"
import { RfmGroupBadge } from "../rfm-group-badge"
import { ScoreEntryItem } from "../score-entry-item"
import { OlderItemsNote, SectionStates } from "../section-states"
import { ProfileRow, ProfileSubsection } from "./profile-subsection"

export const RECENT_SCORE_ENTRIES_LIMIT = 5

/** Both scores, the stage, the RFM group and the latest score changes. */
export const ScoreSummary = ({ contact }: { contact: Contact }) => {
  const history = useContactScoreHistory(contact.id, {
    limit: RECENT_SCORE_ENTRIES_LIMIT,
  })
  const recent = history.entries.slice(0, RECENT_SCORE_ENTRIES_LIMIT)

  return (
    <ProfileSubsection title="Scores" testId="marketing-profile-scores">
      <ProfileRow
        label="Stage"
        value={<LifecycleStageBadge stage={contact.lifecycle_stage} />}
      />
      <ProfileRow
        label="Acquisition score"
        value={formatScore(contact.acquisition_score)}
      />
      <ProfileRow
        label="Loyalty score"
        value={formatScore(contact.loyalty_score)}
      />
      <ProfileRow
        label="RFM group"
        value={
          contact.rfm_group ? <RfmGroupBadge group={contact.rfm_group} /> : null
        }
      />
      <SectionStates
        {...history}
        what="score history"
        isEmpty={recent.length === 0}
        empty="No score changes yet."
        density="compact"
      >
        <ol data-testid="marketing-profile-score-entries">
          {recent.map((entry) => (
            <ScoreEntryItem
              key={entry.id}
              entry={entry}
              compact
              className="py-2"
            />
          ))}
        </ol>
      </SectionStates>
      <OlderItemsNote
        total={history.count}
        shown={recent.length}
        noun={["score change", "score changes"]}
      />
    </ProfileSubsection>
  )
}
