import { SelectInput } from "../../../../../../components/select-input"
import { useBuilderData } from "../../../../segments/components/condition-builder/builder-context"

/** One of the store's segments (a stored unknown id is kept, by its id). */
export const SegmentSelect = ({
  value,
  onChange,
  invalid,
  testId,
}: {
  value: string
  onChange: (id: string) => void
  invalid?: boolean
  testId: string
}) => {
  const { segments } = useBuilderData()
  const options = segments.map((s) => ({ value: s.id, label: s.name }))
  if (value && !segments.some((s) => s.id === value)) options.push({ value, label: value })
  return (
    <SelectInput
      value={value}
      options={options}
      placeholder={segments.length ? "Choose a segment" : "No segments yet"}
      label="Segment"
      invalid={invalid}
      testId={testId}
      onChange={onChange}
    />
  )
}
