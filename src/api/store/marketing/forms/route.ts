import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { toPublicForm, type StoredForm } from "../../../../modules/marketing/forms/types"
import { marketingOf } from "../../../../workflows/utils/marketing"

/** How long browsers and CDNs may keep the forms' configuration. */
export const FORMS_CACHE_SECONDS = 60

/**
 * The active forms, as the tracker needs them to decide and render: no
 * segment ids, no figures (a small JSON, cacheable for a minute). What
 * depends on the visitor comes from `POST /store/marketing/forms/visibility`.
 */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const marketing = marketingOf(req.scope)
  const rows = await marketing.listForms({ status: "active" }, { order: { created_at: "ASC", id: "ASC" }, take: 100 })
  const labels = new Map(marketing.getEmailSettings().topics.map((t) => [t.id, t.label]))
  res.set("Cache-Control", `public, max-age=${FORMS_CACHE_SECONDS}`)
  res.json({ forms: (rows as unknown as StoredForm[]).map((f) => toPublicForm(f, labels)) })
}
