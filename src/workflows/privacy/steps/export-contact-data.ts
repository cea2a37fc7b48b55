import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type MarketingModuleService from "../../../modules/marketing/service"
import { emptyExport, type ContactExport } from "../../../modules/marketing/privacy"
import { ContactRef, contactIdOf } from "./contact-ref"

export type ExportContactDataStepInput = ContactRef

/**
 * Reads everything the plugin holds on a contact (and the contacts merged
 * into it). A customer without a contact gets an export with `contact: null`.
 * Read-only: nothing to compensate.
 */
export const exportContactDataStep = createStep(
  "read-marketing-contact-data",
  async (input: ExportContactDataStepInput, { container }) => {
    const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
    const contactId = await contactIdOf(marketing, input)
    const data: ContactExport = contactId ? await marketing.exportContactData(contactId) : emptyExport()
    return new StepResponse(data)
  }
)
