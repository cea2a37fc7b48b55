import { SelectInput } from "../../../../../components/select-input"
import { getEventTypeLabel } from "../../../../../lib/events"
import { useBuilderData } from "./builder-context"

/** One event type, from the types the store tracks (a stored unknown one is kept), and any `extraOptions`. */
export const EventTypeSelect = ({
  value,
  invalid,
  testId = "segment-condition-event",
  extraOptions = [],
  onChange,
}: {
  value: string
  invalid?: boolean
  testId?: string
  extraOptions?: { value: string; label: string }[]
  onChange: (eventType: string) => void
}) => {
  const { eventTypes } = useBuilderData()
  const options = [
    ...eventTypes.map((type) => ({ value: type.type, label: getEventTypeLabel(type.type) })),
    ...extraOptions,
  ]
  if (value && !options.some((option) => option.value === value)) {
    options.push({ value, label: getEventTypeLabel(value) })
  }
  return (
    <SelectInput
      value={value}
      options={options}
      placeholder="Choose an event"
      label="Event"
      invalid={invalid}
      testId={testId}
      onChange={onChange}
    />
  )
}
