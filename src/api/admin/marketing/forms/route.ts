import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createFormWorkflow } from "../../../../workflows/forms"
import { marketingOf } from "../../../../workflows/utils/marketing"
import { presentForms } from "./helpers"
import type { AdminCreateFormType, AdminListFormsType } from "./validators"

/** Forms, newest first, each with its views, submissions and submit rate over 30 days. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListFormsType>, res: MedusaResponse) => {
  const { limit, offset, q, status } = req.validatedQuery
  const [rows, count] = await marketingOf(req.scope).listAndCountForms(
    { ...(q ? { name: { $ilike: `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%` } } : {}), ...(status ? { status } : {}) },
    { skip: offset, take: limit, order: { created_at: "DESC", id: "DESC" } }
  )
  res.json({ forms: await presentForms(req.scope, rows as any), count, limit, offset })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateFormType>, res: MedusaResponse) => {
  const { result } = await createFormWorkflow(req.scope).run({ input: req.validatedBody })
  const [form] = await presentForms(req.scope, [result as any])
  res.status(201).json({ form })
}
