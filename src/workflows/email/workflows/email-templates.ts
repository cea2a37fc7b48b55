import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { createEmailTemplatesStep } from "../steps/create-email-templates"
import { deleteEmailTemplateStep } from "../steps/delete-email-template"
import { pendingStarterTemplatesStep } from "../steps/pending-starter-templates"
import { updateEmailTemplateStep } from "../steps/update-email-template"
import { EmailTemplateInput, validateEmailTemplateStep } from "../steps/validate-email-template"

export const createEmailTemplateWorkflowId = "create-email-template"

/**
 * Creates an email template after checking its syntax, helpers, partials and
 * MJML (a problem is a 400 with the field, line and column).
 *
 * @example
 * const { result } = await createEmailTemplateWorkflow(container).run({
 *   input: { template: { name: "Welcome", subject: "Welcome, {{default contact.first_name \"there\"}}",
 *     html: "<p>Hello {{contact.first_name}}</p>" } },
 * })
 */
export const createEmailTemplateWorkflow = createWorkflow(
  createEmailTemplateWorkflowId,
  (input: { template: EmailTemplateInput & { name: string; subject: string } }) => {
    const data = validateEmailTemplateStep({ template: input.template })
    const created = createEmailTemplatesStep(transform({ data }, ({ data }) => [data as Record<string, unknown>]))
    return new WorkflowResponse({ template: transform({ created }, ({ created }) => created[0]) })
  }
)

export const updateEmailTemplateWorkflowId = "update-email-template"

/**
 * Edits an email template; the result is validated as a whole before it is saved.
 *
 * @example
 * await updateEmailTemplateWorkflow(container).run({ input: { id: "mtpl_123", update: { subject: "New subject" } } })
 */
export const updateEmailTemplateWorkflow = createWorkflow(
  updateEmailTemplateWorkflowId,
  (input: { id: string; update: EmailTemplateInput }) => {
    const data = validateEmailTemplateStep({ id: input.id, template: input.update })
    const template = updateEmailTemplateStep({ id: input.id, update: data as Record<string, unknown> })
    return new WorkflowResponse({ template })
  }
)

export const deleteEmailTemplateWorkflowId = "delete-email-template"

/**
 * Deletes an email template.
 *
 * @example
 * await deleteEmailTemplateWorkflow(container).run({ input: { id: "mtpl_123" } })
 */
export const deleteEmailTemplateWorkflow = createWorkflow(deleteEmailTemplateWorkflowId, (input: { id: string }) => {
  const id = deleteEmailTemplateStep(input.id)
  return new WorkflowResponse({ id })
})

export const installStarterTemplatesWorkflowId = "install-starter-templates"

/**
 * Installs the starter templates that ship with the plugin (welcome, browse
 * and cart abandonment, thank-you, win-back, VIP, birthday, sales-ready
 * notification); those already installed are skipped.
 *
 * @example
 * const { result } = await installStarterTemplatesWorkflow(container).run({ input: {} })
 */
export const installStarterTemplatesWorkflow = createWorkflow(
  installStarterTemplatesWorkflowId,
  (input: { keys?: string[] }) => {
    const pending = pendingStarterTemplatesStep(input)
    const templates = createEmailTemplatesStep(pending).config({ name: "create-starter-templates" })
    return new WorkflowResponse({ templates })
  }
)
