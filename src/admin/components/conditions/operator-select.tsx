import { Trash } from "@medusajs/icons"
import { IconButton } from "@medusajs/ui"
import { getOperatorLabel } from "../../lib/scoring"
import type { ConditionOperator, ScoringField } from "../../lib/types"
import { SelectInput } from "../select-input"

/** The operator of a condition row, among those of its field's type. */
export const OperatorSelect = ({
  value,
  field,
  operators,
  invalid,
  testId,
  onChange,
}: {
  value: ConditionOperator | ""
  field: Pick<ScoringField, "type"> | undefined
  operators: readonly ConditionOperator[]
  invalid?: boolean
  testId?: string
  onChange: (operator: ConditionOperator) => void
}) => (
  <SelectInput
    value={value}
    options={operators.map((operator) => ({
      value: operator,
      label: getOperatorLabel(operator, field?.type),
    }))}
    placeholder="Operator"
    label="Operator"
    invalid={invalid}
    disabled={!field}
    testId={testId}
    onChange={(operator) => onChange(operator as ConditionOperator)}
  />
)

/** The bin at the end of a condition or group. */
export const RemoveButton = ({
  label,
  onClick,
  testId,
}: {
  /** e.g. "Remove condition". */
  label: string
  onClick: () => void
  testId?: string
}) => (
  <IconButton
    type="button"
    size="small"
    variant="transparent"
    aria-label={label}
    onClick={onClick}
    data-testid={testId}
  >
    <Trash />
  </IconButton>
)
