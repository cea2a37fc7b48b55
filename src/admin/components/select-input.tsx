import { Select } from "@medusajs/ui"
import type { ReactNode } from "react"
import { FormField } from "./form-field"

export type SelectOption = {
  value: string
  label: string
  /** Hover text; the raw value behind the friendly label by default. */
  title?: string
}

export type SelectInputProps = {
  value: string
  options: SelectOption[]
  onChange: (value: string) => void
  placeholder?: string
  /** The accessible name, when no visible label points at `id`. */
  label?: string
  id?: string
  invalid?: boolean
  disabled?: boolean
  testId?: string
  size?: "small" | "base"
}

/**
 * A Select over a list of options. Radix Select reports "" when its value
 * changes before the matching item is rendered (e.g. a new field's
 * operators): that is never a choice, so it never reaches `onChange`.
 */
export const SelectInput = ({
  value,
  options,
  onChange,
  placeholder,
  label,
  id,
  invalid,
  disabled,
  testId,
  size = "small",
}: SelectInputProps) => (
  <Select
    size={size}
    value={value}
    disabled={disabled}
    onValueChange={(next) => {
      if (next) {
        onChange(next)
      }
    }}
  >
    <Select.Trigger
      id={id}
      aria-label={label}
      aria-invalid={invalid}
      data-testid={testId}
    >
      <Select.Value placeholder={placeholder} />
    </Select.Trigger>
    <Select.Content>
      {options.map((option) => (
        <Select.Item key={option.value} value={option.value} title={option.title ?? option.value}>
          {option.label}
        </Select.Item>
      ))}
    </Select.Content>
  </Select>
)

/**
 * A `SelectInput` under its own label (a `FormField`, the label pointing at
 * the select by `id`), with a hint or an error below.
 */
export const SelectField = ({
  id,
  label,
  optional,
  hint,
  error,
  ...select
}: Omit<SelectInputProps, "id" | "label"> & {
  id: string
  label: string
  optional?: boolean
  hint?: ReactNode
  error?: string | null
}) => (
  <FormField id={id} label={label} optional={optional} hint={hint} error={error}>
    <SelectInput id={id} {...select} />
  </FormField>
)
