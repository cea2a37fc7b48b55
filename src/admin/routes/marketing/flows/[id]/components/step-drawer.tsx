import { Text } from "@medusajs/ui"
import type { ReactNode } from "react"
import { SideDrawer } from "../../../../../components/side-drawer"
import { abDecisionLines, describeStep, stepNumberLines, stepTypeLabel, type FlowAbDecision, type NameLookup } from "../../../../../lib/flows"
import { formatDateTime } from "../../../../../lib/format"
import type { FlowStep, FlowStepStats } from "../../../../../lib/types"

/** One step's panel: what it does, its numbers, the server's complaints, and its form (or its settings, read-only). */
export const StepDrawer = ({
  stepId,
  step,
  stats,
  errors,
  abDecision,
  names,
  editor,
  onClose,
}: {
  stepId: string
  step: FlowStep
  stats?: FlowStepStats
  errors: string[]
  /** The step's automatic A/B decision in the version shown, if any. */
  abDecision?: FlowAbDecision
  names: NameLookup
  /** The step's form, when the flow shown can be edited. */
  editor?: ReactNode
  onClose: () => void
}) => (
  <SideDrawer
    title={step.name ?? stepTypeLabel(step.type)}
    description={describeStep(step, names)}
    testId="flow-step-drawer"
    closeLabel="Close"
    onClose={onClose}
  >
    <Text size="small" className="text-ui-fg-subtle">
      Step <span className="font-mono">{stepId}</span> · {stepTypeLabel(step.type)}
    </Text>
    {stepNumberLines(step, stats).map((line) => (
      <Text key={line} size="small">
        {line}
      </Text>
    ))}
    {abDecision ? (
      <div className="bg-ui-bg-subtle flex flex-col gap-y-1 rounded-lg p-3" data-testid="flow-step-ab-decision">
        {abDecisionLines(abDecision, formatDateTime(abDecision.decided_at)).map((line, i) => (
          <Text key={line} size="small" weight={i === 0 ? "plus" : "regular"}>
            {line}
          </Text>
        ))}
      </div>
    ) : null}
    {errors.map((error) => (
      <Text key={error} size="small" className="text-ui-fg-error">
        {error}
      </Text>
    ))}
    {editor ?? (<pre className="bg-ui-bg-subtle txt-compact-xsmall overflow-x-auto rounded-lg p-3 font-mono">
      {JSON.stringify(step, null, 2)}
    </pre>)}
  </SideDrawer>
)
