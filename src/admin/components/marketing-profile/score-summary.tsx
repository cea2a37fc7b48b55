import { Skeleton, Text } from "@medusajs/ui"
import { useContactScoreHistory } from "../../hooks/api/scoring"
import { formatScore } from "../../lib/scoring"
import type { Contact } from "../../lib/types"
import { LifecycleStageBadge } from "../lifecycle-stage-badge"
import { RfmGroupBadge } from "../rfm-group-badge"
import { ScoreEntryItem } from "../score-entry-item"
import { ProfileRow, ProfileSubsection } from "./profile-subsection"

export const RECENT_SCORE_ENTRIES_LIMIT = 5

/** Both scores, the stage, the RFM group and the latest score changes. */
export const ScoreSummary = ({ contact }: { contact: Contact }) => {
  const { entries, count, isPending, isError, error } = useContactScoreHistory(
    contact.id,
    { limit: RECENT_SCORE_ENTRIES_LIMIT }
  )
  const recent = entries.slice(0, RECENT_SCORE_ENTRIES_LIMIT)

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
      {isPending ? (
        <div className="flex flex-col gap-y-2 px-6 py-2 pb-4">
          <Skeleton className="h-4 w-[200px]" />
          <Skeleton className="h-4 w-[160px]" />
        </div>
      ) : isError ? (
        <div className="px-6 py-2 pb-4">
          <Text size="small" leading="compact" className="text-ui-fg-error">
            The score history could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : recent.length === 0 ? (
        <div className="px-6 py-2 pb-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            No score changes yet.
          </Text>
        </div>
      ) : (
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
      )}
      {count !== undefined && count > recent.length ? (
        <div className="px-6 pb-4">
          <Text size="xsmall" leading="compact" className="text-ui-fg-muted">
            {count - recent.length} older score{" "}
            {count - recent.length === 1 ? "change" : "changes"} on the contact
            page
          </Text>
        </div>
      ) : null}
    </ProfileSubsection>
  )
}
