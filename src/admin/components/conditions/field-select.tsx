import { getFieldLabel } from "../../lib/scoring"
import { SelectInput, type SelectOption } from "../select-input"

/**
 * The field of a condition, by its friendly label. A saved field the server
 * no longer lists stays selectable under its raw name, so opening an old
 * condition does not blank it.
 */
export const FieldSelect = ({
  value,
  fields,
  label,
  placeholder,
  invalid,
  testId,
  extraOptions = [],
  onChange,
}: {
  value: string
  fields: readonly { name: string }[]
  label: string
  placeholder: string
  invalid?: boolean
  testId?: string
  /** Choices after the fields, e.g. "Custom property…". */
  extraOptions?: SelectOption[]
  onChange: (name: string) => void
}) => {
  const known = fields.some((field) => field.name === value)
  const options: SelectOption[] = fields.map((field) => ({
    value: field.name,
    label: getFieldLabel(field.name),
  }))
  if (value && !known && !extraOptions.some((option) => option.value === value)) {
    options.push({ value, label: value })
  }
  return (
    <SelectInput
      value={value}
      options={[...options, ...extraOptions]}
      label={label}
      placeholder={placeholder}
      invalid={invalid}
      testId={testId}
      onChange={onChange}
    />
  )
}
