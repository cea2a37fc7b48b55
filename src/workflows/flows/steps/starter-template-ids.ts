import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export const starterTemplateIdsStepId = "starter-template-ids"

/** The installed templates of these starter keys, by key; a key with none is an error. */
export const starterTemplateIdsStep = createStep(starterTemplateIdsStepId, async (keys: string[], { container }) => {
  const rows = keys.length
    ? await marketingOf(container).listEmailTemplates({ starter_key: keys }, { select: ["id", "starter_key"], order: { created_at: "ASC" } })
    : []
  const ids: Record<string, string> = {}
  for (const row of rows) if (row.starter_key && !ids[row.starter_key]) ids[row.starter_key] = row.id
  const missing = keys.filter((k) => !ids[k])
  if (missing.length) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: the plugin has no starter template ${missing.map((k) => `"${k}"`).join(", ")}`)
  }
  return new StepResponse(ids)
})
