import { WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import { emitEventStep } from "@medusajs/medusa/core-flows"
import { MarketingEvents } from "../../tracking/events"
import { recordAndAnnounceEvents } from "../../tracking/workflows/record-and-announce"
import { applyDeliveryFeedbackStep } from "../steps/apply-delivery-feedback"
import { ChangeEmailConsentInput, changeEmailConsentStep } from "../steps/change-email-consent"
import type { DeliveryFeedback } from "../../../modules/marketing/email/webhooks/sendgrid"
import { RecordEmailEngagementInput, recordEmailEngagementStep } from "../steps/record-email-engagement"
import { UpdateEmailPreferencesInput, updateEmailPreferencesStep } from "../steps/update-email-preferences"

export const trackEmailEngagementWorkflowId = "track-email-engagement"

/**
 * Records an open (pixel) or a click (redirect) of a sent message. People's
 * opens and clicks become `email_opened` / `email_clicked` events on the
 * contact, so scoring and segments see them; proxy prefetches and link
 * scanners are only counted on the message, flagged as machine hits.
 *
 * @example
 * const { result } = await trackEmailEngagementWorkflow(req.scope).run({
 *   input: { kind: "click", message_id: "mmsg_123", url: "https://shop.com/p/1", user_agent: req.get("user-agent"),
 *     at: new Date().toISOString() },
 * })
 * // result: { found, machine, reason }
 */
export const trackEmailEngagementWorkflow = createWorkflow(
  trackEmailEngagementWorkflowId,
  (input: RecordEmailEngagementInput) => {
    const hit = recordEmailEngagementStep(input)
    const events = transform({ hit }, ({ hit }) => hit.events)
    recordAndAnnounceEvents(events)
    return new WorkflowResponse(transform({ hit }, ({ hit }) => ({ found: hit.found, machine: hit.machine, reason: hit.reason })))
  }
)

export const changeEmailConsentWorkflowId = "change-email-consent"

/**
 * Changes a contact's email marketing consent from an unsubscribe link, the
 * preferences page, a double opt-in click or the admin, with the proof (source,
 * time, IP, user agent). An unsubscribe is also recorded as an
 * `email_unsubscribed` event (scoring rules may take points for it).
 * Emits `marketing.email_consent_changed`.
 *
 * @example
 * await changeEmailConsentWorkflow(container).run({
 *   input: { contact_id: "mcon_123", status: "denied", source: "unsubscribe_link", at: new Date().toISOString() },
 * })
 */
export const changeEmailConsentWorkflow = createWorkflow(
  changeEmailConsentWorkflowId,
  (input: ChangeEmailConsentInput) => {
    const { changes } = changeEmailConsentStep(input)
    const events = transform({ input, changes }, ({ input, changes }) =>
      changes
        .filter((change) => change.status === "denied")
        .map((change) => ({
          type: "email_unsubscribed",
          contact_id: change.contact_id,
          properties: input.message_id ? { message_id: input.message_id, source: input.source } : { source: input.source },
          occurred_at: input.at,
          received_at: input.at,
          source: "email" as const,
          profile: {},
        }))
    )
    recordAndAnnounceEvents(events)
    emitEventStep({ eventName: MarketingEvents.EMAIL_CONSENT_CHANGED, data: changes }).config({
      name: "emit-email-consent-changed-directly",
    })
    return new WorkflowResponse({ changes })
  }
)

export const updateEmailPreferencesWorkflowId = "update-email-preferences"

/**
 * Saves what a contact chose on the preferences page: topics they do not
 * want, a pause, and (when given) a consent change, e.g. subscribing again.
 *
 * @example
 * await updateEmailPreferencesWorkflow(container).run({
 *   input: { contact_id: "mcon_123", topics_opted_out: ["offers"], paused_until: null,
 *     consent: { status: "granted", source: "preferences", at: new Date().toISOString() } },
 * })
 */
export const updateEmailPreferencesWorkflow = createWorkflow(
  updateEmailPreferencesWorkflowId,
  (input: UpdateEmailPreferencesInput & { consent?: Omit<ChangeEmailConsentInput, "contact_id"> | null }) => {
    const preferences = updateEmailPreferencesStep({
      contact_id: input.contact_id,
      topics_opted_out: input.topics_opted_out,
      paused_until: input.paused_until,
    })
    when({ input }, ({ input }) => !!input.consent).then(() => {
      changeEmailConsentWorkflow.runAsStep({
        input: transform({ input }, ({ input }) => ({ ...input.consent!, contact_id: input.contact_id })),
      })
    })
    return new WorkflowResponse(preferences)
  }
)

export const applyDeliveryFeedbackWorkflowId = "apply-email-delivery-feedback"

/**
 * Applies delivery feedback from a provider's webhook: hard bounces and
 * complaints suppress the address for good, and become `email_bounced` /
 * `email_complained` events on the contact.
 *
 * @example
 * await applyDeliveryFeedbackWorkflow(container).run({
 *   input: { source: "sendgrid", feedback: parseSendgridEvents(req.body) },
 * })
 */
export const applyDeliveryFeedbackWorkflow = createWorkflow(
  applyDeliveryFeedbackWorkflowId,
  (input: { feedback: DeliveryFeedback[]; source: string }) => {
    const result = applyDeliveryFeedbackStep(input)
    recordAndAnnounceEvents(transform({ result }, ({ result }) => result.events))
    return new WorkflowResponse(transform({ result }, ({ result }) => ({ applied: result.applied })))
  }
)
