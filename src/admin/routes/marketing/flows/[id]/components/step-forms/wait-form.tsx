import { Checkbox, Input, Label } from "@medusajs/ui"
import { FormField } from "../../../../../../components/form-field"
import { SelectInput } from "../../../../../../components/select-input"
import { WEEKDAY_OPTIONS, toggleWeekday } from "../../../../../../lib/flows"
import { DurationInput } from "./duration-input"
import type { StepFormProps } from "./types"

/** A wait for a time, or until a local time (on some weekdays). */
export const WaitForm = ({ draft, set }: StepFormProps) => {
  const until = draft.until as { weekdays?: number[]; at: string } | undefined
  return (
    <>
      <FormField id="step-wait-mode" label="Wait">
        <SelectInput
          id="step-wait-mode"
          testId="step-wait-mode"
          value={until ? "until" : "for"}
          options={[
            { value: "for", label: "For a time" },
            { value: "until", label: "Until a day and time" },
          ]}
          onChange={(mode) =>
            mode === "until"
              ? set({ seconds: undefined, until: until ?? { at: "09:00" } })
              : set({ until: undefined, seconds: draft.seconds ?? 86_400 })
          }
        />
      </FormField>
      {until ? (
        <>
          <FormField id="step-wait-at" label="At (the contact's local time)">
            <Input
              id="step-wait-at"
              type="time"
              value={until.at}
              onChange={(e) => set({ until: { ...until, at: e.target.value } })}
              data-testid="step-wait-at"
            />
          </FormField>
          <FormField id="step-wait-days" label="On" hint="No day ticked: the next time it is that time.">
            <div className="flex flex-wrap gap-x-3 gap-y-2" id="step-wait-days">
              {WEEKDAY_OPTIONS.map(({ day, label }) => (
                <div key={day} className="flex items-center gap-x-1.5">
                  <Checkbox
                    id={`step-wait-day-${day}`}
                    checked={until.weekdays?.includes(day) ?? false}
                    onCheckedChange={(on) => {
                      const weekdays = toggleWeekday(until.weekdays, day, on === true)
                      const { weekdays: _old, ...rest } = until
                      set({ until: weekdays.length ? { ...rest, weekdays } : rest })
                    }}
                    data-testid={`step-wait-day-${day}`}
                  />
                  <Label htmlFor={`step-wait-day-${day}`} size="small">
                    {label}
                  </Label>
                </div>
              ))}
            </div>
          </FormField>
        </>
      ) : (
        <FormField id="step-wait" label="For">
          <DurationInput id="step-wait" seconds={draft.seconds} testId="step-wait" onChange={(seconds) => set({ seconds })} />
        </FormField>
      )}
    </>
  )
}
