import { Plus } from "@medusajs/icons"
import { Button, Hint, Text } from "@medusajs/ui"
import { RemoveButton } from "../../../../../../components/conditions/operator-select"
import { SwitchCard } from "../../../../../../components/editor-modal"
import { SelectInput } from "../../../../../../components/select-input"
import { emptyFlowCondition, type FlowConditionDraft, type GoalDraft } from "../../../../../../lib/flows"
import { EventMatchFields } from "./event-match-fields"
import { SegmentSelect } from "./segment-select"

type Kind = FlowConditionDraft["kind"]

const KIND_LABELS: Record<Kind, string> = {
  event: "Does something (an event)",
  segment_entered: "Enters a segment",
  segment_exited: "Leaves a segment",
}

/** The event or the segment of a goal or an exit condition. */
const ConditionTarget = <T extends { kind: string; event: FlowConditionDraft["event"]; segmentId: string }>({
  value,
  invalid,
  testId,
  onChange,
}: {
  value: T
  invalid: boolean
  testId: string
  onChange: (update: (value: T) => T) => void
}) =>
  value.kind === "event" ? (
    <EventMatchFields
      value={value.event}
      invalid={invalid}
      testId={`${testId}-event`}
      onChange={(update) => onChange((current) => ({ ...current, event: update(current.event) }))}
    />
  ) : value.kind === "segment_entered" || value.kind === "segment_exited" ? (
    <SegmentSelect
      value={value.segmentId}
      invalid={invalid}
      testId={`${testId}-segment`}
      onChange={(segmentId) => onChange((current) => ({ ...current, segmentId }))}
    />
  ) : null

/** What counts as converted; the enrollment stops there unless told to go on. */
export const GoalFields = ({
  goal,
  error,
  onChange,
}: {
  goal: GoalDraft
  error?: string
  onChange: (update: (goal: GoalDraft) => GoalDraft) => void
}) => {
  return (
    <div className="flex flex-col gap-y-3">
      <SelectInput
        label="Goal"
        testId="settings-goal-kind"
        value={goal.kind}
        options={[
          { value: "none", label: "No goal" },
          { value: "event", label: KIND_LABELS.event },
          { value: "segment_entered", label: KIND_LABELS.segment_entered },
        ]}
        onChange={(kind) => onChange((current) => ({ ...current, kind: kind as GoalDraft["kind"] }))}
      />
      <ConditionTarget value={goal} invalid={!!error} testId="settings-goal" onChange={onChange} />
      {goal.kind !== "none" ? (
        <SwitchCard
          label="Continue after the goal"
          description="Converted contacts go on with the next steps instead of leaving the flow."
          checked={goal.continueAfter}
          onCheckedChange={(continueAfter) => onChange((current) => ({ ...current, continueAfter }))}
          testId="settings-goal-continue"
        />
      ) : null}
      {error ? <Hint variant="error">{error}</Hint> : null}
    </div>
  )
}

/** Each stops an enrollment without converting it. */
export const ExitConditionsFields = ({
  exits,
  errors,
  onChange,
}: {
  exits: FlowConditionDraft[]
  /** By index. */
  errors: (string | undefined)[]
  onChange: (update: (exits: FlowConditionDraft[]) => FlowConditionDraft[]) => void
}) => {
  const update = (key: string) => (change: (exit: FlowConditionDraft) => FlowConditionDraft) =>
    onChange((current) => current.map((exit) => (exit.key === key ? change(exit) : exit)))
  return (
    <div className="flex flex-col gap-y-3" data-testid="settings-exits">
      {exits.length ? null : (
        <Text size="small" className="text-ui-fg-muted">
          No exit conditions: contacts leave at the goal or the last step.
        </Text>
      )}
      {exits.map((exit, index) => (
        <div
          key={exit.key}
          className="shadow-elevation-card-rest bg-ui-bg-component flex flex-col gap-y-2 rounded-lg p-3"
          data-testid="settings-exit"
        >
          <div className="flex items-center gap-x-2">
            <Text size="small" className="text-ui-fg-subtle shrink-0">
              Leave when the contact
            </Text>
            <div className="flex-1">
              <SelectInput
                label="Exit when"
                value={exit.kind}
                options={(Object.keys(KIND_LABELS) as Kind[]).map((kind) => ({ value: kind, label: KIND_LABELS[kind] }))}
                onChange={(kind) => update(exit.key)((current) => ({ ...current, kind: kind as Kind }))}
              />
            </div>
            <RemoveButton
              label="Remove exit condition"
              onClick={() => onChange((current) => current.filter((e) => e.key !== exit.key))}
            />
          </div>
          <ConditionTarget value={exit} invalid={!!errors[index]} testId={`settings-exit-${index}`} onChange={update(exit.key)} />
          {errors[index] ? <Hint variant="error">{errors[index]}</Hint> : null}
        </div>
      ))}
      <div>
        <Button
          type="button"
          size="small"
          variant="secondary"
          onClick={() => onChange((current) => [...current, emptyFlowCondition()])}
          data-testid="settings-add-exit"
        >
          <Plus />
          Add exit condition
        </Button>
      </div>
    </div>
  )
}
