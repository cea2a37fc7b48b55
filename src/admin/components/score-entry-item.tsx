import { Text, clx } from "@medusajs/ui"
import {
  formatSigned,
  getScoreComponentLabel,
} from "../lib/scoring"
import type { ScoreEntry } from "../lib/types"
import { EventTypeBadge } from "./event-type-badge"
import { ItemHeader } from "./list-item"
import { ScoreDeltaBadge } from "./score-delta-badge"

const SCORE_LABELS: Record<string, string> = {
  acquisition: "Acquisition",
  loyalty: "Loyalty",
}

type ScoreEntryItemProps = {
  entry: ScoreEntry
  /** Leaves out the reason, for the customer widget. */
  compact?: boolean
  className?: string
}

/**
 * One line of the score ledger: the points, the rule and event behind them,
 * and what they are still worth after decay.
 */
export const ScoreEntryItem = ({
  entry,
  compact = false,
  className,
}: ScoreEntryItemProps) => {
  return (
    <li
      className={clx("flex flex-col gap-y-2 px-6 py-4", className)}
      data-component={entry.component}
    >
      <ItemHeader date={entry.occurred_at}>
        <div className="flex min-w-0 items-center gap-x-2">
          <ScoreDeltaBadge delta={entry.delta} />
          <Text
            size="small"
            leading="compact"
            weight="plus"
            className="text-ui-fg-base truncate"
          >
            {entry.rule_name ?? getScoreComponentLabel(entry.component)}
          </Text>
          <Text
            size="small"
            leading="compact"
            className="text-ui-fg-muted shrink-0"
          >
            {SCORE_LABELS[entry.score] ?? entry.score} ·{" "}
            {getScoreComponentLabel(entry.component)}
          </Text>
        </div>
      </ItemHeader>

      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        {entry.event_type ? <EventTypeBadge type={entry.event_type} /> : null}
        {!compact && entry.reason ? (
          <Text
            size="small"
            leading="compact"
            className="text-ui-fg-subtle min-w-0 break-words"
          >
            {entry.reason}
          </Text>
        ) : null}
        <Text
          size="small"
          leading="compact"
          className="text-ui-fg-muted"
          title="What the entry adds to the score today, after decay"
        >
          Now worth {formatSigned(entry.current_value)}
        </Text>
      </div>
    </li>
  )
}
