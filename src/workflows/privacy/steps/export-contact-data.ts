import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { emptyExport, type ContactExport } from "../../../modules/marketing/privacy"
import { type ContactRef, resolveContactRef } from "./contact-ref"

export type ExportContactDataStepInput = ContactRef

export const exportContactDataStepId = "read-marketing-contact-data"

/**
 * Reads everything the plugin holds on a contact (and the contacts merged
 * into it). A customer without a contact gets an export with `contact: null`.
 * Read-only: nothing to compensate.
 */
export const exportContactDataStep = createStep(
  exportContactDataStepId,
  async (input: ExportContactDataStepInput, { container }) => {
    const { marketing, contactId } = await resolveContactRef(container, input)
    const data: ContactExport = contactId ? await marketing.exportContactData(contactId) : emptyExport()
    return new StepResponse(data)
  }
)
