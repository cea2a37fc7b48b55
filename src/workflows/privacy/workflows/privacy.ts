import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MarketingEvents } from "../../tracking/events"
import { syncCustomerGroupsStep } from "../../segments/steps/sync-customer-groups"
import { eraseContactStep, type EraseContactStepInput } from "../steps/erase-contact"
import { eraseEmailNotificationsStep } from "../steps/erase-email-notifications"
import { exportContactDataStep, type ExportContactDataStepInput } from "../steps/export-contact-data"

export type EraseContactWorkflowInput = EraseContactStepInput

export const eraseContactWorkflowId = "erase-marketing-contact"

/**
 * Erases a person (GDPR right to erasure), given their contact id or their
 * Medusa customer id: hard-deletes their contact and every contact merged
 * into it, with their visitors, events, score ledger, stage history, segment
 * memberships, scoring backlog, messages (and the Notification Module's
 * copies of them) and consent records, and keeps only
 * a keyed hash of each of their addresses as a suppression, so they are not
 * mailed again against their will. Emits `marketing.contact_erased` with
 * `{ id }`, and takes the customer (if it still exists) out of the customer
 * groups that mirror the segments they were in.
 *
 * The erasure itself cannot be compensated: a delete is final, by design.
 * A customer without a contact is a no-op success (`erased: false`).
 *
 * @example
 * const { result } = await eraseContactWorkflow(container).run({
 *   input: { contact_id: "mcon_123", source: "admin" },
 * })
 * // result.deleted.marketing_event === 42, result.suppressions_added === 1
 *
 * @example
 * await eraseContactWorkflow(container).run({ input: { customer_id: "cus_123", source: "customer_deleted" } })
 */
export const eraseContactWorkflow = createWorkflow(eraseContactWorkflowId, (input: EraseContactWorkflowInput) => {
  eraseEmailNotificationsStep(input)
  const erased = eraseContactStep(input)
  const announced = transform({ erased }, ({ erased }) => (erased.contact_id ? [{ id: erased.contact_id }] : []))
  emitEventStep({ eventName: MarketingEvents.CONTACT_ERASED, data: announced }).config({ name: "emit-contact-erased" })
  // The segments lost a member: reconcile their mirrored groups whole from the members as they are now.
  syncCustomerGroupsStep({ segment_ids: transform({ erased }, ({ erased }) => erased.mirrored_segment_ids) })
  return new WorkflowResponse(erased)
})

export type ExportContactDataWorkflowInput = ExportContactDataStepInput

export const exportContactDataWorkflowId = "export-marketing-contact-data"

/**
 * Everything the plugin holds on a person (GDPR rights of access and to data
 * portability), given their contact id or their Medusa customer id, as one
 * JSON document: `{ exported_at, contact, merged_contacts, visitors, events,
 * score_entries, stage_changes, segment_memberships, messages,
 * consent_records, suppressions }`. A customer without a contact gets
 * `contact: null` and empty lists.
 *
 * @example
 * const { result } = await exportContactDataWorkflow(container).run({ input: { customer_id: "cus_123" } })
 * res.json(result)
 */
export const exportContactDataWorkflow = createWorkflow(
  exportContactDataWorkflowId,
  (input: ExportContactDataWorkflowInput) => {
    return new WorkflowResponse(exportContactDataStep(input))
  }
)
