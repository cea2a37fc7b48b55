import { Button, Input, Text, Textarea } from "@medusajs/ui"
import { useMemo, useState } from "react"
import { ConfirmPrompt } from "../../../../../components/confirm-prompt"
import { FormField } from "../../../../../components/form-field"
import { SelectInput } from "../../../../../components/select-input"
import { useTemplates } from "../../../../../hooks/api/templates"
import {
  ADDABLE_STEP_TYPES,
  deletableStep,
  splitTotal,
  stepLinks,
  stepTypeLabel,
} from "../../../../../lib/flows"
import type { FlowDefinition, FlowStep, StepType } from "../../../../../lib/types"

const UNITS = [
  { value: "60", label: "minutes" },
  { value: "3600", label: "hours" },
  { value: "86400", label: "days" },
]

/** The largest unit that divides the seconds, so 7200 reads "2 hours". */
const unitOf = (seconds: number) =>
  [...UNITS].reverse().find((u) => seconds % Number(u.value) === 0)?.value ?? "60"

/**
 * A step's form in its panel: the fields each common type needs, the rest
 * as JSON; save, add a step after it (on a branch of a branching step) and
 * delete it (asked first; its one way on is reconnected). The server checks
 * every save: a draft is kept as it is, a live flow's edit is published.
 */
export const StepEditor = ({
  definition,
  stepId,
  step,
  isSaving,
  onSave,
  onAddAfter,
  onDelete,
}: {
  definition: FlowDefinition
  stepId: string
  step: FlowStep
  isSaving: boolean
  onSave: (step: FlowStep) => void
  onAddAfter: (type: StepType, branch?: string) => void
  onDelete: () => void
}) => {
  const [draft, setDraft] = useState<Record<string, any>>(() => structuredClone(step))
  const [json, setJson] = useState(() => JSON.stringify(step, null, 2))
  const [jsonError, setJsonError] = useState<string | null>(null)
  const [addType, setAddType] = useState<StepType>("wait")
  const links = stepLinks(step)
  const [addBranch, setAddBranch] = useState(links[0]?.branch ?? "")
  const [deleting, setDeleting] = useState(false)
  const { templates } = useTemplates({ limit: 200 }, { enabled: step.type === "send_email" })
  const set = (patch: Record<string, unknown>) => setDraft((d) => ({ ...d, ...patch }))
  const total = splitTotal(draft as FlowStep)
  const hasForm = ["wait", "send_email", "random_split", "create_discount", "webhook", "notify_team"].includes(step.type)
  const unit = useMemo(() => unitOf(Number(step.type === "wait" && "seconds" in step ? step.seconds : 60)), [step])
  const [waitUnit, setWaitUnit] = useState(unit)

  const save = () => {
    if (hasForm) return onSave(draft as FlowStep)
    try {
      onSave(JSON.parse(json))
    } catch (e) {
      setJsonError((e as Error).message)
    }
  }

  return (
    <div className="flex flex-col gap-y-4" data-testid="flow-step-editor">
      <FormField id="step-name" label="Name" optional>
        <Input id="step-name" value={draft.name ?? ""} onChange={(e) => set({ name: e.target.value || undefined })} />
      </FormField>

      {step.type === "wait" && "seconds" in draft ? (
        <FormField id="step-wait" label="Wait for">
          <div className="flex gap-x-2">
            <Input
              id="step-wait"
              type="number"
              min={1}
              value={String(Math.round(draft.seconds / Number(waitUnit)))}
              onChange={(e) => set({ seconds: Number(e.target.value) * Number(waitUnit) })}
              data-testid="step-wait-amount"
            />
            <SelectInput
              label="Unit"
              value={waitUnit}
              options={UNITS}
              onChange={(value) => {
                set({ seconds: Math.round(draft.seconds / Number(waitUnit)) * Number(value) })
                setWaitUnit(value)
              }}
            />
          </div>
        </FormField>
      ) : null}

      {step.type === "send_email" ? (
        <FormField id="step-template" label="Template">
          <SelectInput
            id="step-template"
            testId="step-template"
            value={draft.template_id ?? ""}
            placeholder="Pick a template"
            options={(templates ?? []).map((t) => ({ value: t.id, label: t.name }))}
            onChange={(value) => set({ template_id: value })}
          />
        </FormField>
      ) : null}

      {step.type === "random_split" ? (
        <FormField
          id="step-split"
          label="Branches"
          error={total !== 100 ? `The percents add up to ${total}%, not 100%` : null}
        >
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
                    branches: draft.branches.map((b: any, i: number) =>
                      i === index ? { ...b, percent: Number(e.target.value) } : b
                    ),
                  })
                }
              />
              <Text size="small">%</Text>
            </div>
          ))}
        </FormField>
      ) : null}

      {step.type === "create_discount" ? (
        <div className="flex gap-x-2">
          <FormField id="step-discount-value" label={draft.kind === "fixed" ? "Amount off" : "Percent off"}>
            <Input id="step-discount-value" type="number" value={String(draft.value)} onChange={(e) => set({ value: Number(e.target.value) })} />
          </FormField>
          <FormField id="step-discount-days" label="Valid for (days)">
            <Input
              id="step-discount-days"
              type="number"
              value={String(draft.expires_in_days)}
              onChange={(e) => set({ expires_in_days: Number(e.target.value) })}
            />
          </FormField>
        </div>
      ) : null}

      {step.type === "webhook" ? (
        <>
          <FormField id="step-webhook-url" label="URL">
            <Input id="step-webhook-url" value={draft.url} onChange={(e) => set({ url: e.target.value })} />
          </FormField>
          <FormField id="step-webhook-secret" label="Signing secret" hint="Signs each request (X-Marketing-Signature).">
            <Input id="step-webhook-secret" type="password" value={draft.secret} onChange={(e) => set({ secret: e.target.value })} />
          </FormField>
        </>
      ) : null}

      {step.type === "notify_team" ? (
        <FormField id="step-notify-email" label="Team address" optional hint="The sales alert address of the scoring settings when empty.">
          <Input id="step-notify-email" type="email" value={draft.email ?? ""} onChange={(e) => set({ email: e.target.value || undefined })} />
        </FormField>
      ) : null}

      {!hasForm ? (
        <FormField id="step-json" label="Settings (JSON)" error={jsonError}>
          <Textarea
            id="step-json"
            rows={10}
            className="font-mono"
            value={json}
            onChange={(e) => {
              setJson(e.target.value)
              setJsonError(null)
            }}
          />
        </FormField>
      ) : null}

      <div className="flex items-center gap-x-2">
        <Button size="small" onClick={save} isLoading={isSaving} disabled={total !== 100} data-testid="step-save">
          Save step
        </Button>
        <Button
          size="small"
          variant="danger"
          disabled={!deletableStep(definition, stepId) || isSaving}
          onClick={() => setDeleting(true)}
          data-testid="step-delete"
        >
          Delete step
        </Button>
      </div>

      {step.type !== "exit" ? (
        <FormField id="step-add" label="Add a step after this one">
          <div className="flex gap-x-2">
            <SelectInput
              id="step-add"
              testId="step-add-type"
              value={addType}
              options={ADDABLE_STEP_TYPES.map((t) => ({ value: t, label: stepTypeLabel(t) }))}
              onChange={(value) => setAddType(value as StepType)}
            />
            {links.some((l) => l.branch) ? (
              <SelectInput
                label="Branch"
                value={addBranch}
                options={links.map((l) => ({ value: l.branch!, label: l.label ?? l.branch! }))}
                onChange={setAddBranch}
              />
            ) : null}
            <Button
              size="small"
              variant="secondary"
              disabled={isSaving}
              onClick={() => onAddAfter(addType, addBranch || undefined)}
              data-testid="step-add"
            >
              Add
            </Button>
          </div>
        </FormField>
      ) : null}

      {deleting ? (
        <ConfirmPrompt
          title={`Delete step "${step.name ?? stepId}"?`}
          description="Whatever led to it will lead to the step after it (or end the flow there)."
          actionLabel="Delete"
          testId="step-delete-prompt"
          isPending={isSaving}
          onClose={() => setDeleting(false)}
          onConfirm={onDelete}
        />
      ) : null}
    </div>
  )
}
