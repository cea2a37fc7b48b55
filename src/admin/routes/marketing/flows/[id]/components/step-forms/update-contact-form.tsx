import { Plus } from "@medusajs/icons"
import { Button, Input } from "@medusajs/ui"
import { useState } from "react"
import { RemoveButton } from "../../../../../../components/conditions/operator-select"
import { FormField } from "../../../../../../components/form-field"
import { SelectInput } from "../../../../../../components/select-input"
import { parseTags } from "../../../../../../lib/flows"
import { getFieldLabel } from "../../../../../../lib/scoring"
import { SETTABLE_CONTACT_FIELDS } from "../../../../../../../modules/marketing/flows/graph"
import type { StepFormProps } from "./types"

const NONE = "none"
type SetField = { field: string; value: string | null }

/** Tags typed with commas; the text stays as typed, the step gets the tags (none: undefined). */
const TagsField = ({ id, label, hint, tags, onChange }: {
  id: string
  label: string
  hint?: string
  tags: string[] | undefined
  onChange: (tags: string[] | undefined) => void
}) => {
  const [text, setText] = useState(() => (tags ?? []).join(", "))
  return (
    <FormField id={id} label={label} optional hint={hint}>
      <Input
        id={id}
        value={text}
        onChange={(e) => {
          setText(e.target.value)
          const parsed = parseTags(e.target.value)
          onChange(parsed.length ? parsed : undefined)
        }}
      />
    </FormField>
  )
}

/** Points on a score, profile fields set (empty clears), tags added and removed. */
export const UpdateContactForm = ({ draft, set }: StepFormProps) => {
  const fields: SetField[] = draft.set ?? []
  const setFields = (next: SetField[]) => set({ set: next.length ? next : undefined })
  const free = SETTABLE_CONTACT_FIELDS.filter((f) => !fields.some((s) => s.field === f))

  return (
    <>
      <FormField id="step-score" label="Score">
        <div className="grid grid-cols-2 gap-2">
          <SelectInput
            id="step-score"
            value={draft.score?.score ?? NONE}
            options={[
              { value: NONE, label: "No score change" },
              { value: "acquisition", label: "Acquisition score" },
              { value: "loyalty", label: "Loyalty score" },
            ]}
            onChange={(score) => set({ score: score === NONE ? undefined : { score, points: draft.score?.points ?? 5 } })}
          />
          {draft.score ? (
            <Input
              type="number"
              aria-label="Points (negative to take away)"
              value={String(draft.score.points)}
              onChange={(e) => set({ score: { ...draft.score, points: Number(e.target.value) } })}
              data-testid="step-score-points"
            />
          ) : null}
        </div>
      </FormField>

      <FormField id="step-set" label="Set profile fields" optional hint="An empty value clears the field.">
        <div className="flex flex-col gap-y-2" id="step-set">
          {fields.map((item, index) => (
            <div key={item.field} className="flex items-center gap-x-2">
              <div className="w-[200px] shrink-0">
                <SelectInput
                  label="Field"
                  value={item.field}
                  options={[item.field, ...free].map((f) => ({ value: f, label: getFieldLabel(f) }))}
                  onChange={(field) => setFields(fields.map((f, i) => (i === index ? { ...f, field } : f)))}
                />
              </div>
              <Input
                aria-label={`Value of ${getFieldLabel(item.field)}`}
                value={item.value ?? ""}
                onChange={(e) => setFields(fields.map((f, i) => (i === index ? { ...f, value: e.target.value || null } : f)))}
              />
              <RemoveButton label="Remove field" onClick={() => setFields(fields.filter((_, i) => i !== index))} />
            </div>
          ))}
          {free.length ? (
            <div>
              <Button type="button" size="small" variant="secondary" onClick={() => setFields([...fields, { field: free[0], value: null }])}>
                <Plus />
                Add field
              </Button>
            </div>
          ) : null}
        </div>
      </FormField>

      <div className="grid grid-cols-2 gap-2">
        <TagsField
          id="step-add-tags"
          label="Add tags"
          hint="Separated by commas."
          tags={draft.add_tags}
          onChange={(add_tags) => set({ add_tags })}
        />
        <TagsField
          id="step-remove-tags"
          label="Remove tags"
          tags={draft.remove_tags}
          onChange={(remove_tags) => set({ remove_tags })}
        />
      </div>
    </>
  )
}
