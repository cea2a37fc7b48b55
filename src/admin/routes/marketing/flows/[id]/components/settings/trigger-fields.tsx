import { Input, Text } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import { SelectField, SelectInput } from "../../../../../../components/select-input"
import type { TriggerDraft } from "../../../../../../lib/flows"
import { LIFECYCLE_STAGES, getLifecycleStageLabel, type LifecycleStage } from "../../../../../../lib/scoring/stages"
import type { TriggerType } from "../../../../../../lib/types"
import { EventMatchFields } from "./event-match-fields"
import { SegmentSelect } from "./segment-select"

const TRIGGER_TYPE_OPTIONS: { value: TriggerType; label: string }[] = [
  { value: "event", label: "A contact does something (an event)" },
  { value: "segment_entered", label: "A contact enters a segment" },
  { value: "segment_exited", label: "A contact leaves a segment" },
  { value: "score_threshold", label: "A score crosses a value" },
  { value: "stage_changed", label: "The lifecycle stage changes" },
  { value: "date", label: "A date comes round" },
  { value: "manual", label: "Enrolled by hand" },
]

// Radix Select has no empty value: "any" stands for no stage.
const ANY = "any"
const STAGE_OPTIONS = [
  { value: ANY, label: "Any stage" },
  ...LIFECYCLE_STAGES.map((stage) => ({ value: stage, label: getLifecycleStageLabel(stage) ?? stage })),
]

/** A lifecycle stage, or any ("" in the draft). */
const StageField = ({ id, label, value, onChange }: {
  id: string
  label: string
  value: LifecycleStage | ""
  onChange: (stage: LifecycleStage | "") => void
}) => (
  <SelectField
    id={id}
    label={label}
    value={value || ANY}
    options={STAGE_OPTIONS}
    onChange={(stage) => onChange(stage === ANY ? "" : (stage as LifecycleStage))}
  />
)

const DATE_FIELD_OPTIONS = [
  { value: "birth_date", label: "Birthday" },
  { value: "first_seen_at", label: "First visit" },
  { value: "first_order_at", label: "First order" },
  { value: "last_order_at", label: "Last order" },
  { value: "expected_next_order_at", label: "Expected next order (predicted)" },
]

type Update = (update: (trigger: TriggerDraft) => TriggerDraft) => void

/** What starts the flow, and that trigger type's own fields. */
export const TriggerFields = ({ trigger, error, onChange }: { trigger: TriggerDraft; error?: string; onChange: Update }) => {
  const set = (patch: Partial<TriggerDraft>) => onChange((current) => ({ ...current, ...patch }))
  return (
    <div className="flex flex-col gap-y-3">
      <SelectField
        id="settings-trigger-type"
        label="Starts when"
        error={error}
        testId="settings-trigger-type"
        value={trigger.type}
        options={TRIGGER_TYPE_OPTIONS}
        onChange={(type) => set({ type: type as TriggerType })}
      />

      {trigger.type === "event" ? (
        <EventMatchFields
          value={trigger.event}
          invalid={!!error}
          testId="settings-trigger-event"
          onChange={(update) => onChange((current) => ({ ...current, event: update(current.event) }))}
        />
      ) : null}

      {trigger.type === "segment_entered" || trigger.type === "segment_exited" ? (
        <SegmentSelect
          value={trigger.segmentId}
          invalid={!!error}
          testId="settings-trigger-segment"
          onChange={(segmentId) => set({ segmentId })}
        />
      ) : null}

      {trigger.type === "score_threshold" ? (
        <div className="grid grid-cols-3 gap-2">
          <SelectInput
            label="Score"
            value={trigger.score}
            options={[
              { value: "acquisition", label: "Acquisition score" },
              { value: "loyalty", label: "Loyalty score" },
            ]}
            onChange={(score) => set({ score: score as TriggerDraft["score"] })}
          />
          <SelectInput
            label="Direction"
            value={trigger.direction}
            options={[
              { value: "up", label: "reaches" },
              { value: "down", label: "falls below" },
            ]}
            onChange={(direction) => set({ direction: direction as TriggerDraft["direction"] })}
          />
          <Input
            type="number"
            aria-label="Score value"
            value={trigger.threshold}
            onChange={(e) => set({ threshold: e.target.value })}
            data-testid="settings-trigger-threshold"
          />
        </div>
      ) : null}

      {trigger.type === "stage_changed" ? (
        <div className="grid grid-cols-2 gap-2">
          <StageField id="settings-trigger-from" label="From" value={trigger.from} onChange={(from) => set({ from })} />
          <StageField id="settings-trigger-to" label="To" value={trigger.to} onChange={(to) => set({ to })} />
        </div>
      ) : null}

      {trigger.type === "date" ? (
        <div className="grid grid-cols-2 gap-2">
          <SelectInput
            label="Date"
            value={trigger.dateField}
            options={DATE_FIELD_OPTIONS}
            onChange={(dateField) => set({ dateField: dateField as TriggerDraft["dateField"] })}
          />
          <SelectInput
            label="When"
            value={trigger.dateMode}
            options={[
              { value: "anniversary", label: "Every year on that day" },
              { value: "after", label: "Some days after it" },
              { value: "before", label: "Some days before it" },
            ]}
            onChange={(dateMode) => set({ dateMode: dateMode as TriggerDraft["dateMode"] })}
          />
          {trigger.dateMode !== "anniversary" ? (
            <FormField id="settings-trigger-days" label={trigger.dateMode === "before" ? "Days before" : "Days after"}>
              <Input id="settings-trigger-days" type="number" min={1} value={trigger.days} onChange={(e) => set({ days: e.target.value })} />
            </FormField>
          ) : null}
          <FormField id="settings-trigger-at" label="At (contact's local time)">
            <Input id="settings-trigger-at" type="time" value={trigger.at} onChange={(e) => set({ at: e.target.value })} />
          </FormField>
        </div>
      ) : null}

      {trigger.type === "manual" ? (
        <Text size="small" className="text-ui-fg-subtle">
          Contacts enter when you enroll them, or a segment, from the flow or the API.
        </Text>
      ) : null}
    </div>
  )
}
