import { Button, Input, Text, Textarea } from "@medusajs/ui"
import { useState } from "react"
import { ConfirmPrompt } from "../../../../../components/confirm-prompt"
import { FormField } from "../../../../../components/form-field"
import { SelectInput } from "../../../../../components/select-input"
import {
  deletableStep,
  moveStep,
  splitTotal,
  stepLabelIn,
  stepLinks,
} from "../../../../../lib/flows"
import type { FlowDefinition, FlowStep, StepType } from "../../../../../lib/types"
import { StepTypeSelect } from "./add-start-step"
import { STEP_FORMS } from "./step-forms"

// The move picker's value for "first step"; step ids are letters, digits, _ and -.
const AT_START = ":start"

/** Drops keys a form cleared (set to undefined), as JSON would. */
const withoutUndefined = (step: Record<string, unknown>) => JSON.parse(JSON.stringify(step)) as FlowStep

/**
 * A step's form in its panel: each step type's own fields (step-forms/),
 * JSON for a type without a form; save, add a step after it (on a branch of
 * a branching step), move it after another step (or to the start) and
 * delete it (asked first; its one way on is reconnected). The server checks every save: a draft is kept as it is, a
 * live flow's edit is published.
 */
export const StepEditor = ({
  definition,
  stepId,
  step,
  isSaving,
  onSave,
  onAddAfter,
  onDelete,
  onMove,
  revision,
}: {
  /** The flow's `updated_at`: tells a test (and a reader) which save the form started from. */
  revision: string
  definition: FlowDefinition
  stepId: string
  step: FlowStep
  isSaving: boolean
  onSave: (step: FlowStep) => void
  onAddAfter: (type: StepType, branch?: string) => void
  onDelete: () => void
  /** Saves the flow with the step moved. */
  onMove: (definition: FlowDefinition) => void
}) => {
  const [draft, setDraft] = useState<Record<string, any>>(() => structuredClone(step))
  const [json, setJson] = useState(() => JSON.stringify(step, null, 2))
  const [jsonError, setJsonError] = useState<string | null>(null)
  // What the form cannot turn into a step yet, and whether saving was tried.
  const [problem, setProblem] = useState<string | null>(null)
  const [submitted, setSubmitted] = useState(false)
  const [addType, setAddType] = useState<StepType>("wait")
  const links = stepLinks(step)
  const [addBranch, setAddBranch] = useState(links[0]?.branch ?? "")
  const [deleting, setDeleting] = useState(false)
  // Where to move the step: after a step (AT_START for first), and on which of its branches.
  const [moveAfter, setMoveAfter] = useState("")
  const [moveBranch, setMoveBranch] = useState("")
  const [moveProblem, setMoveProblem] = useState<string | null>(null)
  const moveTarget = moveAfter && moveAfter !== AT_START ? definition.steps?.[moveAfter] : undefined
  const moveBranches = moveTarget ? stepLinks(moveTarget).filter((l) => l.branch) : []
  const set = (patch: Record<string, unknown>) => setDraft((d) => ({ ...d, ...patch }))
  const total = splitTotal(draft as FlowStep)
  const Form = STEP_FORMS[step.type]

  const save = () => {
    setSubmitted(true)
    if (Form) return problem ? undefined : onSave(withoutUndefined(draft))
    try {
      onSave(JSON.parse(json))
    } catch (e) {
      setJsonError((e as Error).message)
    }
  }

  const move = () => {
    try {
      onMove(moveStep(definition, stepId, moveAfter === AT_START ? null : moveAfter, moveBranch || undefined))
    } catch (e) {
      // A move that makes no sense is explained here; the server's refusals show on the step like other saves.
      setMoveProblem((e as Error).message)
    }
  }

  return (
    <div className="flex flex-col gap-y-4" data-testid="flow-step-editor" data-step-type={step.type} data-revision={revision}>
      <FormField id="step-name" label="Name" optional>
        <Input id="step-name" value={draft.name ?? ""} onChange={(e) => set({ name: e.target.value || undefined })} data-testid="step-name" />
      </FormField>

      {Form ? (
        <Form draft={draft} set={set} setProblem={setProblem} showErrors={submitted} />
      ) : (
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
      )}

      {submitted && problem ? (
        <Text size="small" className="text-ui-fg-error" data-testid="step-problem">
          {problem}
        </Text>
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
            <StepTypeSelect id="step-add" testId="step-add-type" value={addType} onChange={setAddType} />
            {links.some((l) => l.branch) ? (
              <SelectInput
                label="Branch"
                testId="step-add-branch"
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

      <FormField id="step-move" label="Move this step" error={moveProblem}>
        <div className="flex gap-x-2">
          <SelectInput
            id="step-move"
            testId="step-move-after"
            placeholder="After…"
            value={moveAfter}
            options={[
              { value: AT_START, label: "At the start" },
              ...Object.keys(definition.steps ?? {})
                .filter((id) => id !== stepId)
                .map((id) => ({ value: id, label: `After ${stepLabelIn(definition, id)}` })),
            ]}
            onChange={(value) => {
              const target = definition.steps?.[value]
              setMoveAfter(value)
              setMoveBranch((target && stepLinks(target).find((l) => l.branch)?.branch) ?? "")
              setMoveProblem(null)
            }}
          />
          {moveBranches.length ? (
            <SelectInput
              label="Branch"
              testId="step-move-branch"
              value={moveBranch}
              options={moveBranches.map((l) => ({ value: l.branch!, label: l.label ?? l.branch! }))}
              onChange={(value) => {
                setMoveBranch(value)
                setMoveProblem(null)
              }}
            />
          ) : null}
          <Button size="small" variant="secondary" disabled={!moveAfter || isSaving} onClick={move} data-testid="step-move">
            Move
          </Button>
        </div>
      </FormField>

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
