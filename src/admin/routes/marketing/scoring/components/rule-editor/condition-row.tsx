import { Hint, Input, Text } from "@medusajs/ui"
import {
  OPERATORS_BY_TYPE,
  PROPERTY_PREFIX,
  type ConditionDraft,
} from "../../../../../lib/scoring"
import type {
  ConditionOperator,
  ScoringField,
} from "../../../../../lib/types"
import { ConditionValueInput } from "../../../../../components/conditions/condition-value-input"
import { FieldSelect } from "../../../../../components/conditions/field-select"
import {
  OperatorSelect,
  RemoveButton,
} from "../../../../../components/conditions/operator-select"

const CUSTOM_PROPERTY = "__custom_property__"

type ConditionRowProps = {
  index: number
  draft: ConditionDraft
  fields: ScoringField[]
  field: ScoringField | undefined
  /** Offer "Custom property…", typed in by name (custom events). */
  allowCustomProperty?: boolean
  error?: string | null
  /**
   * Changes the condition from its latest state: Radix Select may call a
   * handler from an earlier render, so nothing here trusts `draft` to be
   * current when the change is applied.
   */
  onChange: (update: (draft: ConditionDraft) => ConditionDraft) => void
  onRemove: () => void
}

/** One condition: field, operator and value, with its problem if any. */
export const ConditionRow = ({
  index,
  draft,
  fields,
  field,
  allowCustomProperty = false,
  error,
  onChange,
  onRemove,
}: ConditionRowProps) => {
  const operators = field ? OPERATORS_BY_TYPE[field.type] : []
  const knownField = fields.some((option) => option.name === draft.field)
  const isCustomProperty =
    allowCustomProperty && !knownField && draft.field.startsWith(PROPERTY_PREFIX)

  const changeField = (name: string) => {
    if (!name) {
      return
    }
    if (name === CUSTOM_PROPERTY) {
      onChange((current) => ({
        ...current,
        field: PROPERTY_PREFIX,
        operator: OPERATORS_BY_TYPE.string[0],
        value: "",
        value2: "",
      }))
      return
    }
    const next = fields.find((option) => option.name === name)
    onChange((current) => {
      if (current.field === name) {
        return current
      }
      const previous = fields.find((option) => option.name === current.field)
      const sameType = !!next && next.type === previous?.type
      const keepOperator =
        !!next &&
        !!current.operator &&
        OPERATORS_BY_TYPE[next.type].includes(current.operator as ConditionOperator)
      return {
        ...current,
        field: name,
        operator: keepOperator
          ? current.operator
          : next
          ? OPERATORS_BY_TYPE[next.type][0]
          : "",
        value: sameType ? current.value : "",
        value2: sameType ? current.value2 : "",
      }
    })
  }

  return (
    <li
      className="flex items-start gap-x-2"
      data-testid="scoring-condition"
      data-invalid={error ? "true" : undefined}
    >
      <Text
        size="small"
        leading="compact"
        weight="plus"
        className="text-ui-fg-muted w-12 shrink-0 pt-2"
      >
        {index === 0 ? "Where" : "and"}
      </Text>
      <div className="flex min-w-0 flex-1 flex-col gap-y-2">
        <div className="grid grid-cols-1 gap-2 md:grid-cols-3">
          {isCustomProperty ? (
            <Input
              size="small"
              autoFocus={draft.field === PROPERTY_PREFIX}
              value={draft.field.slice(PROPERTY_PREFIX.length)}
              placeholder="Property, e.g. plan"
              aria-label="Property name"
              onChange={(event) => {
                const field = `${PROPERTY_PREFIX}${event.target.value.trim()}`
                onChange((current) => ({ ...current, field }))
              }}
            />
          ) : (
            <FieldSelect
              value={draft.field}
              fields={fields}
              label="Field"
              placeholder="Choose a field"
              invalid={!!error && !field}
              extraOptions={
                allowCustomProperty
                  ? [{ value: CUSTOM_PROPERTY, label: "Custom property…" }]
                  : []
              }
              onChange={changeField}
            />
          )}
          <OperatorSelect
            value={draft.operator}
            field={field}
            operators={operators}
            onChange={(operator) => onChange((current) => ({ ...current, operator }))}
          />
          <ConditionValueInput
            field={field}
            operator={draft.operator}
            value={draft.value}
            value2={draft.value2}
            invalid={!!error}
            onChange={(change) => onChange((current) => ({ ...current, ...change }))}
          />
        </div>
        {error ? <Hint variant="error">{error}</Hint> : null}
      </div>
      <RemoveButton label="Remove condition" onClick={onRemove} />
    </li>
  )
}
