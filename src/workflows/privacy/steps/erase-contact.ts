import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { emptyCounts, type ErasureResult } from "../../../modules/marketing/privacy"
import { type ContactRef, resolveContactRef } from "./contact-ref"

export type EraseContactStepInput = ContactRef & {
  /** Who asked, kept as the suppression's source: "admin", "customer", "customer_deleted"... */
  source?: string
}

export type EraseContactStepOutput = Omit<ErasureResult, "contact_id"> & { erased: boolean; contact_id: string | null }

export const eraseContactStepId = "erase-marketing-contact-data"

/**
 * Erases a contact and everything merged into it (see the module's
 * `eraseContact`). A customer without a contact is a no-op success.
 *
 * There is no compensation, on purpose: a hard delete cannot be undone, and
 * an erasure must not be either. It runs in one transaction, so it either
 * happened whole or not at all; later steps only announce it and tidy up
 * (a failure there leaves the erasure done, and running the workflow again
 * is safe).
 */
export const eraseContactStep = createStep(
  eraseContactStepId,
  async (input: EraseContactStepInput, { container }) => {
    const { marketing, contactId } = await resolveContactRef(container, input)
    if (!contactId) {
      const nothing: EraseContactStepOutput = {
        erased: false,
        contact_id: null,
        contact_ids: [],
        deleted: emptyCounts(),
        suppressions_added: 0,
        suppressions_unlinked: 0,
        segment_ids: [],
        mirrored_segment_ids: [],
      }
      return new StepResponse(nothing)
    }
    const result = await marketing.eraseContact(contactId, { source: input.source ?? "admin" })
    return new StepResponse<EraseContactStepOutput>({ ...result, erased: true })
  }
)
