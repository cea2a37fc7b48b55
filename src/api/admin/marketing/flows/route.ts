import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createFlowWorkflow } from "../../../../workflows/flows"
import { listPage, nameSearch } from "../../../utils/list"
import { refetchFlow, withEnrollmentCounts } from "./helpers"
import { FLOW_FIELDS } from "./query-config"
import type { AdminCreateFlowType, AdminListFlowsType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListFlowsType>, res: MedusaResponse) => {
  const input = req.validatedQuery
  const field = input.order.replace(/^-/, "")
  const filters = { ...nameSearch(input.q), ...(input.status ? { status: input.status } : {}) }
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "flow", fields: FLOW_FIELDS, filters, order: { [field]: input.order.startsWith("-") ? "DESC" : "ASC", id: "ASC" } },
    input
  )
  res.json({ flows: await withEnrollmentCounts(req.scope, data), ...page })
}

/** Creates a draft flow. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateFlowType>, res: MedusaResponse) => {
  const { result } = await createFlowWorkflow(req.scope).run({ input: { flow: req.validatedBody } })
  res.json({ flow: await refetchFlow(req.scope, result.flow.id) })
}
