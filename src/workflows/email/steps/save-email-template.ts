import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import { STARTER_TEMPLATES } from "../../../modules/marketing/email/templates"
import type MarketingModuleService from "../../../modules/marketing/service"

type Data = Record<string, unknown>
const marketingOf = (container: { resolve<T>(key: string): T }) => container.resolve<MarketingModuleService>(MARKETING_MODULE)

/** Creates templates; compensation deletes them. */
export const createEmailTemplatesStep = createStep(
  "create-email-templates",
  async (data: Data[], { container }) => {
    const created: { id: string }[] = await marketingOf(container).createEmailTemplates(data as any[])
    return new StepResponse(created, created.map((t) => t.id))
  },
  async (ids, { container }) => {
    if (ids?.length) await marketingOf(container).deleteEmailTemplates(ids)
  }
)

/** Updates a template; compensation puts the previous values back. */
export const updateEmailTemplateStep = createStep(
  "update-email-template",
  async (input: { id: string; update: Data }, { container }) => {
    const previous = await marketingOf(container).retrieveEmailTemplate(input.id)
    const updated = await marketingOf(container).updateEmailTemplates({ id: input.id, ...(input.update as any) })
    return new StepResponse(updated, previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const { created_at, updated_at, deleted_at, ...restore } = previous as any
    await marketingOf(container).updateEmailTemplates(restore)
  }
)

/** Soft-deletes a template; compensation restores it. */
export const deleteEmailTemplateStep = createStep(
  "delete-email-template",
  async (id: string, { container }) => {
    await marketingOf(container).retrieveEmailTemplate(id)
    await marketingOf(container).softDeleteEmailTemplates(id)
    return new StepResponse(id, id)
  },
  async (id, { container }) => {
    if (id) await marketingOf(container).restoreEmailTemplates(id)
  }
)

/** The starters not installed yet (of the given keys, or all). */
export const pendingStarterTemplatesStep = createStep(
  "pending-starter-templates",
  async (input: { keys?: string[] }, { container }) => {
    const wanted = STARTER_TEMPLATES.filter((s) => !input.keys || input.keys.includes(s.key))
    const installed = await marketingOf(container).listEmailTemplates(
      { starter_key: wanted.map((s) => s.key) },
      { select: ["starter_key"] }
    )
    const have = new Set(installed.map((t) => t.starter_key))
    return new StepResponse(
      wanted
        .filter((s) => !have.has(s.key))
        .map(({ key, name, description, subject, html, mjml, text, layout }) => ({
          starter_key: key, name, description, subject, html: html ?? null, mjml: mjml ?? null, text: text ?? null, layout: layout ?? "marketing",
        }))
    )
  }
)
