import { Input, Text } from "@medusajs/ui"
import {
  isDateOnly,
  isListOperator,
  isPresenceOperator,
  isRelativeDateOperator,
  maxDaysFor,
} from "../../lib/scoring"
import type {
  ConditionOperator,
  ScoringField,
} from "../../lib/types"
import { SelectInput } from "../select-input"

type ConditionValueInputProps = {
  field: ScoringField | undefined
  operator: ConditionOperator | ""
  value: string
  value2: string
  invalid?: boolean
  onChange: (change: { value?: string; value2?: string }) => void
}

const BOOLEAN_OPTIONS = [
  { value: "true", label: "Yes" },
  { value: "false", label: "No" },
]

/** One value input that fits the field's type: text, number or date. */
const ScalarInput = ({
  field,
  value,
  invalid,
  label,
  onChange,
}: {
  field: ScoringField
  value: string
  invalid?: boolean
  label: string
  onChange: (value: string) => void
}) => {
  if (field.type === "enum" && field.values?.length) {
    return (
      <SelectInput
        value={value}
        options={field.values.map((option) => ({ value: option, label: option }))}
        placeholder="Choose a value"
        label={label}
        invalid={invalid}
        onChange={onChange}
      />
    )
  }
  if (field.type === "boolean") {
    return (
      <SelectInput
        value={value}
        options={BOOLEAN_OPTIONS}
        placeholder="Yes or no"
        label={label}
        invalid={invalid}
        onChange={onChange}
      />
    )
  }
  const type =
    field.type === "number"
      ? "number"
      : // A stored date with a time stays editable as text.
      field.type === "date" && (!value || isDateOnly(value))
      ? "date"
      : "text"
  return (
    <Input
      size="small"
      type={type}
      value={value}
      aria-label={label}
      aria-invalid={invalid}
      placeholder={field.type === "date" ? "YYYY-MM-DD" : "Value"}
      onChange={(event) => onChange(event.target.value)}
    />
  )
}

/**
 * The value part of a condition: nothing for "is set", days for relative
 * dates, a comma-separated list for "is one of", two inputs for "between".
 */
export const ConditionValueInput = ({
  field,
  operator,
  value,
  value2,
  invalid,
  onChange,
}: ConditionValueInputProps) => {
  if (!field || !operator) {
    return <Input size="small" disabled placeholder="Value" aria-label="Value" />
  }
  if (isPresenceOperator(operator)) {
    return null
  }
  if (isRelativeDateOperator(operator)) {
    return (
      <div className="flex items-center gap-x-2">
        <Input
          size="small"
          type="number"
          min={1}
          max={maxDaysFor(operator)}
          step={1}
          value={value}
          aria-label="Days"
          aria-invalid={invalid}
          placeholder="30"
          onChange={(event) => onChange({ value: event.target.value })}
        />
        <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
          {operator === "before_last" ? "days ago" : "days"}
        </Text>
      </div>
    )
  }
  if (isListOperator(operator)) {
    const example =
      field.type === "enum" && field.values?.length
        ? field.values.slice(0, 3).join(", ")
        : field.type === "number"
        ? "1, 2, 3"
        : "a, b, c"
    return (
      <Input
        size="small"
        value={value}
        aria-label="Values, separated by commas"
        aria-invalid={invalid}
        placeholder={example}
        onChange={(event) => onChange({ value: event.target.value })}
      />
    )
  }
  if (operator === "between") {
    return (
      <div className="flex items-center gap-x-2">
        <ScalarInput
          field={field}
          value={value}
          invalid={invalid}
          label="From"
          onChange={(next) => onChange({ value: next })}
        />
        <Text size="small" leading="compact" className="text-ui-fg-subtle shrink-0">
          and
        </Text>
        <ScalarInput
          field={field}
          value={value2}
          invalid={invalid}
          label="To"
          onChange={(next) => onChange({ value2: next })}
        />
      </div>
    )
  }
  return (
    <ScalarInput
      field={field}
      value={value}
      invalid={invalid}
      label="Value"
      onChange={(next) => onChange({ value: next })}
    />
  )
}
