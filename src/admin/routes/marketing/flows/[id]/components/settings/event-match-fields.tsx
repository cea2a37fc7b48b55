import { EventPropertyFilter } from "../../../../segments/components/condition-builder/group-editor"
import { EventTypeSelect } from "../../../../segments/components/condition-builder/event-type-select"
import type { EventMatchDraft } from "../../../../../../lib/flows"

/**
 * An event type and, when it has properties, filters on them: the segment
 * condition builder's own inputs (inside its data provider).
 */
export const EventMatchFields = ({
  value,
  onChange,
  invalid,
  testId,
}: {
  value: EventMatchDraft
  /** Applied to the latest value (see the Radix Select caveat in the README). */
  onChange: (update: (value: EventMatchDraft) => EventMatchDraft) => void
  invalid?: boolean
  testId: string
}) => (
  <div className="flex flex-col gap-y-2" data-testid={testId}>
    <EventTypeSelect
      value={value.type}
      invalid={invalid && !value.type}
      testId={`${testId}-type`}
      onChange={(type) =>
        // Property filters belong to one event type.
        onChange((current) => (current.type === type ? current : { type, where: null }))
      }
    />
    <EventPropertyFilter
      eventType={value.type}
      where={value.where}
      depth={0}
      onChange={(update) => onChange((current) => ({ ...current, where: update(current.where) }))}
    />
  </div>
)
