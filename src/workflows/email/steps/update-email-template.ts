import { updateRecordStep } from "../../utils/update-record-step"

export const updateEmailTemplateStepId = "update-email-template"

/** Updates a template; compensation puts the previous values back. */
export const updateEmailTemplateStep = updateRecordStep<Record<string, unknown>>(updateEmailTemplateStepId, {
  retrieve: (marketing, id) => marketing.retrieveEmailTemplate(id),
  update: (marketing, data) => marketing.updateEmailTemplates(data as any),
})
