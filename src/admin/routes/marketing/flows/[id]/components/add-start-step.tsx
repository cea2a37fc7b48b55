import { Button } from "@medusajs/ui"
import { useState } from "react"
import { SelectInput } from "../../../../../components/select-input"
import { ADDABLE_STEP_TYPES, stepTypeLabel } from "../../../../../lib/flows"
import type { StepType } from "../../../../../lib/types"

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
        <SelectInput
          label="Step type"
          testId="flow-add-start-type"
          value={type}
          options={ADDABLE_STEP_TYPES.map((t) => ({ value: t, label: stepTypeLabel(t) }))}
          onChange={(value) => setType(value as StepType)}
        />
      </div>
      <Button size="small" variant="secondary" disabled={disabled} onClick={() => onAdd(type)} data-testid="flow-add-start">
        {label}
      </Button>
    </div>
  )
}
