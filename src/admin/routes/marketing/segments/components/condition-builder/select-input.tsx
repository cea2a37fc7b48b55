import { Select } from "@medusajs/ui"

type SelectInputProps = {
  value: string
  options: { value: string; label: string }[]
  placeholder?: string
  label: string
  invalid?: boolean
  disabled?: boolean
  testId?: string
  onChange: (value: string) => void
}

/**
 * A small Select over fixed options. Radix Select reports "" when its value
 * changes before the matching item is rendered: that is never a choice.
 */
export const SelectInput = ({
  value,
  options,
  placeholder,
  label,
  invalid,
  disabled,
  testId,
  onChange,
}: SelectInputProps) => (
  <Select
    size="small"
    value={value}
    disabled={disabled}
    onValueChange={(next) => {
      if (next) {
        onChange(next)
      }
    }}
  >
    <Select.Trigger aria-label={label} aria-invalid={invalid} data-testid={testId}>
      <Select.Value placeholder={placeholder} />
    </Select.Trigger>
    <Select.Content>
      {options.map((option) => (
        <Select.Item key={option.value} value={option.value} title={option.value}>
          {option.label}
        </Select.Item>
      ))}
    </Select.Content>
  </Select>
)
