import type { FormDefinition } from "../../../modules/marketing/forms/types"
import { updateRecordStep } from "../../utils/update-record-step"

export const updateFormStepId = "update-form"

/** Updates one form (each part given replaces that part); compensation writes its previous values back. */
export const updateFormStep = updateRecordStep<Partial<FormDefinition>>(updateFormStepId, {
  retrieve: (marketing, id) => marketing.retrieveForm(id),
  update: (marketing, data) => marketing.updateForms(data as any),
})
