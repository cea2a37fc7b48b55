import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import { createEmailTemplatesStep, deleteEmailTemplateStep, pendingStarterTemplatesStep, updateEmailTemplateStep } from "../steps/save-email-template"
import { EmailTemplateInput, validateEmailTemplateStep } from "../steps/validate-email-template"

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
  "create-email-template",
  (input: { template: EmailTemplateInput & { name: string; subject: string } }) => {
    const data = validateEmailTemplateStep({ template: input.template })
    const created = createEmailTemplatesStep(transform({ data }, ({ data }) => [data as Record<string, unknown>]))
    return new WorkflowResponse({ template: transform({ created }, ({ created }) => created[0]) })
  }
)

/**
 * Edits an email template; the result is validated as a whole before it is saved.
 *
 * @example
 * await updateEmailTemplateWorkflow(container).run({ input: { id: "mtpl_123", update: { subject: "New subject" } } })
 */
export const updateEmailTemplateWorkflow = createWorkflow(
  "update-email-template",
  (input: { id: string; update: EmailTemplateInput }) => {
    const data = validateEmailTemplateStep({ id: input.id, template: input.update })
    const template = updateEmailTemplateStep({ id: input.id, update: data as Record<string, unknown> })
    return new WorkflowResponse({ template })
  }
)

/**
 * Deletes an email template.
 *
 * @example
 * await deleteEmailTemplateWorkflow(container).run({ input: { id: "mtpl_123" } })
 */
export const deleteEmailTemplateWorkflow = createWorkflow("delete-email-template", (input: { id: string }) => {
  const id = deleteEmailTemplateStep(input.id)
  return new WorkflowResponse({ id })
})

/**
 * Installs the starter templates that ship with the plugin (welcome, browse
 * and cart abandonment, thank-you, win-back, VIP, birthday, sales-ready
 * notification); those already installed are skipped.
 *
 * @example
 * const { result } = await installStarterTemplatesWorkflow(container).run({ input: {} })
 */
export const installStarterTemplatesWorkflow = createWorkflow(
  "install-starter-templates",
  (input: { keys?: string[] }) => {
    const pending = pendingStarterTemplatesStep(input)
    const templates = createEmailTemplatesStep(pending).config({ name: "create-starter-templates" })
    return new WorkflowResponse({ templates })
  }
)
