import { WorkflowResponse, createWorkflow } from "@medusajs/framework/workflows-sdk"
import type { FormDefinition } from "../../../modules/marketing/forms/types"
import { checkFormReferencesStep, createFormStep, deleteFormStep, updateFormStep } from "../steps"

export const createFormWorkflowId = "create-form"

/**
 * Creates a signup form or pop-up after checking that its consent topics and
 * segments exist (a 400 naming the field otherwise, nothing written).
 *
 * @example
 * const { result: form } = await createFormWorkflow(container).run({
 *   input: { name: "Newsletter pop-up", status: "draft", kind: "popup", position: "center", fields: [...], ... },
 * })
 */
export const createFormWorkflow = createWorkflow(createFormWorkflowId, (input: FormDefinition) => {
  checkFormReferencesStep({ form: input })
  return new WorkflowResponse(createFormStep(input))
})

export const updateFormWorkflowId = "update-form"

/**
 * Replaces the given parts of a form. `form` is the whole form after the
 * change (checked by the route), `update` only what changes.
 *
 * @example
 * await updateFormWorkflow(container).run({ input: { id: "mform_123", form, update: { status: "active" } } })
 */
export const updateFormWorkflow = createWorkflow(
  updateFormWorkflowId,
  (input: { id: string; form: FormDefinition; update: Partial<FormDefinition> }) => {
    checkFormReferencesStep({ form: input.form })
    return new WorkflowResponse(updateFormStep({ id: input.id, update: input.update }))
  }
)

export const deleteFormWorkflowId = "delete-form"

/**
 * Deletes a form (soft delete): it leaves the storefront at once; its
 * submissions stay.
 *
 * @example
 * await deleteFormWorkflow(container).run({ input: { id: "mform_123" } })
 */
export const deleteFormWorkflow = createWorkflow(deleteFormWorkflowId, (input: { id: string }) => {
  return new WorkflowResponse(deleteFormStep(input))
})
