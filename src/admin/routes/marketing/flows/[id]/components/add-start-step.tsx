import { Button } from "@medusajs/ui"
import { useState } from "react"
import { SelectInput } from "../../../../../components/select-input"
import { ADDABLE_STEP_TYPES, stepTypeLabel } from "../../../../../lib/flows"
import type { StepType } from "../../../../../lib/types"

const ADDABLE_STEP_OPTIONS = ADDABLE_STEP_TYPES.map((t) => ({ value: t, label: stepTypeLabel(t) }))

/** The type of a step to add (the canvas's first step, or one after a step). */
export const StepTypeSelect = ({
  id,
  label,
  testId,
  value,
  onChange,
}: {
  id?: string
  /** The accessible name, when no visible label points at `id`. */
  label?: string
  testId: string
  value: StepType
  onChange: (type: StepType) => void
}) => (
  <SelectInput
    id={id}
    label={label}
    testId={testId}
    value={value}
    options={ADDABLE_STEP_OPTIONS}
    onChange={(type) => onChange(type as StepType)}
  />
)

/** A step type and the button that puts a step of it first (the flow's first step when it has none). */
export const AddStartStep = ({
  label,
  disabled,
  onAdd,
}: {
  label: string
  disabled: boolean
  onAdd: (type: StepType) => void
}) => {
  const [type, setType] = useState<StepType>("wait")
  return (
    <div className="flex items-center gap-x-2">
      <div className="w-[200px]">
        <StepTypeSelect label="Step type" testId="flow-add-start-type" value={type} onChange={setType} />
      </div>
      <Button size="small" variant="secondary" disabled={disabled} onClick={() => onAdd(type)} data-testid="flow-add-start">
        {label}
      </Button>
    </div>
  )
}
