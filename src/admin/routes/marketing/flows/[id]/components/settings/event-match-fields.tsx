import { Input } from "@medusajs/ui"
import { EventPropertyFilter } from "../../../../segments/components/condition-builder/group-editor"
import { EventTypeSelect } from "../../../../segments/components/condition-builder/event-type-select"
import type { EventMatchDraft } from "../../../../../../lib/flows"

const CUSTOM = "custom:"
/** The storefront's own events (`track("custom:<name>")`) are not in the catalog: their name is typed. */
const CUSTOM_OPTION = [{ value: CUSTOM, label: "A custom event…" }]

/**
 * An event type and, when it has properties, filters on them: the segment
 * condition builder's own inputs (inside its data provider). A custom event
 * is picked as such and named in a text field.
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
      value={value.type.startsWith(CUSTOM) ? CUSTOM : value.type}
      invalid={invalid && !value.type}
      testId={`${testId}-type`}
      extraOptions={CUSTOM_OPTION}
      onChange={(type) =>
        // Property filters belong to one event type.
        onChange((current) =>
          current.type === type || (type === CUSTOM && current.type.startsWith(CUSTOM)) ? current : { type, where: null }
        )
      }
    />
    {value.type.startsWith(CUSTOM) ? (
      <Input
        size="small"
        placeholder="Event name, as the storefront sends it after custom:"
        aria-label="Custom event name"
        data-testid={`${testId}-custom`}
        value={value.type.slice(CUSTOM.length)}
        onChange={(e) => {
          const name = e.target.value.trim().toLowerCase()
          onChange(() => ({ type: `${CUSTOM}${name}`, where: null }))
        }}
      />
    ) : null}
    <EventPropertyFilter
      eventType={value.type}
      where={value.where}
      depth={0}
      onChange={(update) => onChange((current) => ({ ...current, where: update(current.where) }))}
    />
  </div>
)
