import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { DEFAULT_CONTACT_EXPORT_COLUMNS } from "../../../../modules/marketing/exports"
import { requestContactExportWorkflow } from "../../../../workflows/exports"
import { listPage } from "../../../utils/list"
import { retrieveContactExport } from "./helpers"
import { CONTACT_EXPORT_FIELDS } from "./query-config"
import type { AdminCreateContactExportType, AdminListContactExportsType } from "./validators"

/** Every export, newest first: who asked, when, what, how many rows, and its state. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListContactExportsType>, res: MedusaResponse) => {
  const { kind, status, segment_id } = req.validatedQuery
  const filters = { ...(kind ? { kind } : {}), ...(status ? { status } : {}), ...(segment_id ? { segment_id } : {}) }
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "contact_export", fields: CONTACT_EXPORT_FIELDS, filters, order: { created_at: "DESC", id: "DESC" } },
    req.validatedQuery
  )
  res.json({ contact_exports: data, ...page })
}

/** Records an export and starts it in the background; poll GET /admin/marketing/contact-exports/:id. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateContactExportType>, res: MedusaResponse) => {
  const body = req.validatedBody
  const audience = body.kind === "audience"
  const { result } = await requestContactExportWorkflow(req.scope).run({
    input: {
      kind: body.kind,
      segment_id: body.segment_id ?? null,
      filters: body.kind === "list" ? (body.filters ?? {}) : null,
      columns: audience ? [] : (body.columns ?? DEFAULT_CONTACT_EXPORT_COLUMNS),
      advertising: audience || body.advertising,
      platform: audience ? (body.platform ?? "generic") : null,
      requested_by: req.auth_context?.actor_type === "user" ? req.auth_context.actor_id : null,
    },
  })
  res.status(202).json({ contact_export: await retrieveContactExport(req.scope, result.id) })
}
