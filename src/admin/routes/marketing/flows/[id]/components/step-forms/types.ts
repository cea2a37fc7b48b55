import type { ComponentType } from "react"

/** What every step type's form gets from the step editor. */
export type StepFormProps = {
  /** The step being edited, as a plain object. */
  draft: Record<string, any>
  /** Merges fields into the step (an undefined value removes the key on save). */
  set: (patch: Record<string, unknown>) => void
  /** What keeps the form from being a complete step yet (saving is refused); null when complete. */
  setProblem: (problem: string | null) => void
  /** True once saving was tried: rows show their problems. */
  showErrors: boolean
}

export type StepForm = ComponentType<StepFormProps>
