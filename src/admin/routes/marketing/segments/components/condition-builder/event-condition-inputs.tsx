import { Input, Text } from "@medusajs/ui"
import {
  COUNT_OPERATOR_LABELS,
  type EventLeafDraft,
} from "../../../../../lib/segments"
import type { CountOperator } from "../../../../../lib/types"
import { useBuilderData } from "./builder-context"
import { WithinDaysInput } from "./days-input"
import { EventTypeSelect } from "./event-type-select"
import { SelectInput } from "../../../../../components/select-input"

type EventConditionInputsProps = {
  leaf: EventLeafDraft
  /** Whether the part of the condition at `key` (type, count, within_days) is wrong. */
  invalidAt: (key: string) => boolean
  onChange: (update: (leaf: EventLeafDraft) => EventLeafDraft) => void
}

/** Which event, how many times, and over which period. */
export const EventConditionInputs = ({
  leaf,
  invalidAt,
  onChange,
}: EventConditionInputsProps) => {
  const { countOperators } = useBuilderData()

  return (
    <>
      <EventTypeSelect
        value={leaf.eventType}
        invalid={invalidAt("type")}
        onChange={(eventType) =>
          onChange((current) =>
            current.eventType === eventType
              ? current
              : // Property tests belong to one event type.
                { ...current, eventType, where: null }
          )
        }
      />
      <div className="flex items-center gap-x-2">
        <SelectInput
          value={leaf.countOperator}
          options={countOperators.map((operator) => ({
            value: operator,
            label: COUNT_OPERATOR_LABELS[operator] ?? operator,
          }))}
          label="How many times"
          onChange={(operator) =>
            onChange((current) => ({
              ...current,
              countOperator: operator as CountOperator,
            }))
          }
        />
        <Input
          size="small"
          type="number"
          min={0}
          step={1}
          value={leaf.count}
          aria-label="Times"
          aria-invalid={invalidAt("count")}
          onChange={(event) => {
            const count = event.target.value
            onChange((current) => ({ ...current, count }))
          }}
        />
        <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
          {leaf.count.trim() === "1" ? "time" : "times"}
        </Text>
      </div>
      <WithinDaysInput
        value={leaf.withinDays}
        invalid={invalidAt("within_days")}
        onChange={(withinDays) =>
          onChange((current) => ({ ...current, withinDays }))
        }
      />
    </>
  )
}
