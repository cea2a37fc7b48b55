import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { STARTER_TEMPLATES } from "../../../modules/marketing/email/templates"
import { marketingOf } from "../../utils/marketing"

export const pendingStarterTemplatesStepId = "pending-starter-templates"

/** The starters not installed yet (of the given keys, or all). */
export const pendingStarterTemplatesStep = createStep(
  pendingStarterTemplatesStepId,
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
