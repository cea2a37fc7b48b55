import { Trash } from "@medusajs/icons"
import { IconButton, Select } from "@medusajs/ui"
import { getOperatorLabel } from "../../lib/scoring"
import type { ConditionOperator, ScoringField } from "../../lib/types"

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
  <Select
    size="small"
    value={value}
    disabled={!field}
    onValueChange={(operator) => {
      // Radix Select can report "" while its items change: ignore it.
      if (operator) {
        onChange(operator as ConditionOperator)
      }
    }}
  >
    <Select.Trigger aria-label="Operator" aria-invalid={invalid} data-testid={testId}>
      <Select.Value placeholder="Operator" />
    </Select.Trigger>
    <Select.Content>
      {operators.map((operator) => (
        <Select.Item key={operator} value={operator}>
          {getOperatorLabel(operator, field?.type)}
        </Select.Item>
      ))}
    </Select.Content>
  </Select>
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
