import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { deleteFormWorkflow, updateFormWorkflow } from "../../../../../workflows/forms"
import { marketingOf } from "../../../../../workflows/utils/marketing"
import { parseOrThrow } from "../../../../utils/validate"
import { FORM_PARTS, formDefinitionOf, presentForms } from "../helpers"
import { AdminCreateForm, type AdminUpdateFormType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const row = await marketingOf(req.scope).retrieveForm(req.params.id)
  const [form] = await presentForms(req.scope, [row as any])
  res.json({ form })
}

/**
 * A partial update: each part the body gives replaces that part whole (its
 * own defaults fill what it leaves out); the form that results is checked
 * as a whole, so a 400 names the field and nothing is written.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminUpdateFormType>, res: MedusaResponse) => {
  const marketing = marketingOf(req.scope)
  const current = formDefinitionOf(await marketing.retrieveForm(req.params.id)) // 404 before any write
  const given = Object.keys((req.body ?? {}) as object)
  const update = Object.fromEntries(FORM_PARTS.filter((k) => given.includes(k)).map((k) => [k, (req.validatedBody as any)[k]]))
  const form = parseOrThrow(AdminCreateForm, { ...current, ...update, ...(update.kind && !update.position ? { position: undefined } : {}) })
  const changed = Object.fromEntries(FORM_PARTS.filter((k) => given.includes(k) || (k === "position" && form.position !== current.position)).map((k) => [k, form[k]]))
  await updateFormWorkflow(req.scope).run({ input: { id: req.params.id, form, update: changed } })
  const [presented] = await presentForms(req.scope, [await marketing.retrieveForm(req.params.id) as any])
  res.json({ form: presented })
}

export const DELETE = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  await deleteFormWorkflow(req.scope).run({ input: { id: req.params.id } })
  res.json({ id: req.params.id, object: "marketing_form", deleted: true })
}
