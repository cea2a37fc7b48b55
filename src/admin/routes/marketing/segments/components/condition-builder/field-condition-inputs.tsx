import { ConditionValueInput } from "../../../../../components/conditions/condition-value-input"
import { FieldSelect } from "../../../../../components/conditions/field-select"
import { OperatorSelect } from "../../../../../components/conditions/operator-select"
import {
  OPERATORS_BY_TYPE,
} from "../../../../../lib/scoring"
import type { FieldLeafDraft } from "../../../../../lib/segments"
import type {
  ConditionOperator,
  SegmentField,
} from "../../../../../lib/types"

/** The operators the server accepts for a field. */
export const operatorsOf = (field: SegmentField | undefined) =>
  field
    ? field.operators?.length
      ? field.operators
      : OPERATORS_BY_TYPE[field.type]
    : []

type FieldConditionInputsProps = {
  leaf: FieldLeafDraft
  fields: SegmentField[]
  fieldLabel: string
  /** Whether the part of the condition at `key` (field, operator, value) is wrong. */
  invalidAt: (key: string) => boolean
  /** Changes the leaf from its latest state (see the Radix Select caveat). */
  onChange: (update: (leaf: FieldLeafDraft) => FieldLeafDraft) => void
}

/** Field, operator and a value input that fits the field's type. */
export const FieldConditionInputs = ({
  leaf,
  fields,
  fieldLabel,
  invalidAt,
  onChange,
}: FieldConditionInputsProps) => {
  const field = fields.find((option) => option.name === leaf.field)
  const operators = operatorsOf(field)

  const changeField = (name: string) => {
    if (!name) {
      return
    }
    onChange((current) => {
      if (current.field === name) {
        return current
      }
      const next = fields.find((option) => option.name === name)
      const previous = fields.find((option) => option.name === current.field)
      const nextOperators = operatorsOf(next)
      const keepOperator =
        !!current.operator &&
        nextOperators.includes(current.operator as ConditionOperator)
      const sameType =
        !!next &&
        next.type === previous?.type &&
        (next.type !== "enum" ||
          JSON.stringify(next.values) === JSON.stringify(previous?.values))
      return {
        ...current,
        field: name,
        operator: keepOperator ? current.operator : nextOperators[0] ?? "",
        value: keepOperator && sameType ? current.value : "",
        value2: keepOperator && sameType ? current.value2 : "",
      }
    })
  }

  return (
    <>
      <FieldSelect
        value={leaf.field}
        fields={fields}
        label={fieldLabel}
        placeholder={`Choose a ${fieldLabel.toLowerCase()}`}
        invalid={invalidAt("field") && !field}
        testId="segment-condition-field"
        onChange={changeField}
      />
      <OperatorSelect
        value={leaf.operator}
        field={field}
        operators={operators}
        invalid={invalidAt("operator") && !!field && !leaf.operator}
        testId="segment-condition-operator"
        onChange={(operator) => onChange((current) => ({ ...current, operator }))}
      />
      <div data-testid="segment-condition-value">
        <ConditionValueInput
          field={field}
          operator={leaf.operator}
          value={leaf.value}
          value2={leaf.value2}
          invalid={invalidAt("value")}
          onChange={(change) => onChange((current) => ({ ...current, ...change }))}
        />
      </div>
    </>
  )
}
