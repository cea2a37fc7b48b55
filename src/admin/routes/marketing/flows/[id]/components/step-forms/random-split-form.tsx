import { Input, Text } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import { splitTotal } from "../../../../../../lib/flows"
import type { FlowStep } from "../../../../../../lib/types"
import type { StepFormProps } from "./types"

/** Each branch's share; they must add up to 100. */
export const RandomSplitForm = ({ draft, set }: StepFormProps) => {
  const total = splitTotal(draft as FlowStep)
  return (
    <FormField id="step-split" label="Branches" error={total !== 100 ? `The percents add up to ${total}%, not 100%` : null}>
      {(draft.branches as { key: string; percent: number }[]).map((branch, index) => (
        <div key={branch.key} className="flex items-center gap-x-2">
          <Text size="small" className="w-8 font-mono">
            {branch.key.toUpperCase()}
          </Text>
          <Input
            type="number"
            min={1}
            max={99}
            value={String(branch.percent)}
            aria-label={`Branch ${branch.key} percent`}
            data-testid={`step-split-${branch.key}`}
            onChange={(e) =>
              set({
                branches: draft.branches.map((b: any, i: number) => (i === index ? { ...b, percent: Number(e.target.value) } : b)),
              })
            }
          />
          <Text size="small">%</Text>
        </div>
      ))}
    </FormField>
  )
}
