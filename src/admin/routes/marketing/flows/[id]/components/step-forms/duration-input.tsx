import { Input } from "@medusajs/ui"
import { useState } from "react"
import { SelectInput } from "../../../../../../components/select-input"
import { DURATION_UNITS, durationUnitOf } from "../../../../../../lib/flows"

/** Seconds as an amount and a unit (minutes, hours, days). */
export const DurationInput = ({
  id,
  seconds,
  onChange,
  testId,
}: {
  id: string
  seconds: number
  onChange: (seconds: number) => void
  testId: string
}) => {
  const [unit, setUnit] = useState(() => durationUnitOf(seconds))
  const amount = Math.round(seconds / Number(unit))
  return (
    <div className="flex gap-x-2">
      <Input
        id={id}
        type="number"
        min={1}
        value={String(amount)}
        onChange={(e) => onChange(Number(e.target.value) * Number(unit))}
        data-testid={`${testId}-amount`}
      />
      <SelectInput
        label="Unit"
        value={unit}
        options={DURATION_UNITS}
        testId={`${testId}-unit`}
        onChange={(value) => {
          onChange(amount * Number(value))
          setUnit(value)
        }}
      />
    </div>
  )
}
