import { Container, Text } from "@medusajs/ui"
import { useSendTimes } from "../../hooks/api/lead-predictions"
import { heatCellLabel, heatLevel } from "../../lib/lead-predictions"
import { formatRelativeTime } from "../../lib/format"
import { SectionHeader } from "../section-header"
import { SectionStates } from "../section-states"

const HOURS = Array.from({ length: 24 }, (_, h) => h)

/**
 * The store's human opens and clicks per hour of the week, in each contact's
 * time zone: a 7 × 24 grid, darker where more people engage. Every cell is
 * named for screen readers; the busiest hour is said in words.
 */
export const SendTimeHeatMap = () => {
  const { send_times: times, isPending, isError, error } = useSendTimes()
  const max = times ? Math.max(0, ...times.days.flatMap((d) => d.hours)) : 0
  return (
    <Container className="divide-y p-0" data-testid="send-time-heat-map">
      <SectionHeader
        title="Best send times"
        description={
          times?.best_hour_label
            ? `People open and click most on ${times.best_hour_label} (their own time). Emails set to "best time" go at each contact's own best hour.`
            : "When people open and click, in their own time zone."
        }
      />
      <SectionStates
        isPending={isPending}
        isError={isError}
        error={error}
        what="send times"
        isEmpty={!times || times.engagements === 0}
        empty={times ? "No human opens or clicks in the last year yet." : "Not computed yet: the nightly job runs at 04:00."}
      >
        {times ? (
          <div className="flex flex-col gap-y-2 px-6 py-4">
            <div role="table" aria-label="Opens and clicks per weekday and hour" className="overflow-x-auto">
              <div role="row" className="grid gap-px" style={{ gridTemplateColumns: "5rem repeat(24, minmax(1rem, 1fr))" }}>
                <span role="columnheader" />
                {HOURS.map((h) => (
                  <Text key={h} role="columnheader" size="xsmall" className="text-ui-fg-muted text-center">
                    {h % 3 === 0 ? String(h).padStart(2, "0") : ""}
                  </Text>
                ))}
              </div>
              {times.days.map((day) => (
                <div key={day.weekday} role="row" className="grid gap-px" style={{ gridTemplateColumns: "5rem repeat(24, minmax(1rem, 1fr))" }}>
                  <Text role="rowheader" size="xsmall" className="text-ui-fg-subtle">
                    {day.label.slice(0, 3)}
                  </Text>
                  {day.hours.map((count, h) => {
                    const label = heatCellLabel(day.label, h, count)
                    return (
                      <div
                        key={h}
                        role="cell"
                        aria-label={label}
                        title={label}
                        data-testid={`send-time-${day.weekday}-${h}`}
                        data-count={count}
                        className="bg-ui-bg-subtle h-5 rounded-sm"
                      >
                        <div className="h-full w-full rounded-sm" style={{ backgroundColor: "var(--fg-interactive)", opacity: heatLevel(count, max) }} />
                      </div>
                    )
                  })}
                </div>
              ))}
            </div>
            <Text size="xsmall" className="text-ui-fg-muted">
              {times.engagements} opens and clicks from {times.contacts} contacts, last {times.history_days} days; proxy prefetches and link
              scanners left out. A contact with few opens leans on this pattern (it weighs as much as {times.prior_weight} of their own).
              Updated {formatRelativeTime(times.computed_at)}.
            </Text>
          </div>
        ) : null}
      </SectionStates>
    </Container>
  )
}
