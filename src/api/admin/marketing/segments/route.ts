import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { createSegmentWorkflow } from "../../../../workflows/segments"
import { listPage, nameSearch } from "../../../utils/list"
import { refetchSegment, withTrends } from "./helpers"
import { SEGMENT_FIELDS } from "./query-config"
import type { AdminCreateSegmentType, AdminListSegmentsType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListSegmentsType>, res: MedusaResponse) => {
  const input = req.validatedQuery
  const { data, ...page } = await listPage(
    req.scope,
    { entity: "segment", fields: SEGMENT_FIELDS, filters: nameSearch(input.q), order: { name: "ASC", id: "ASC" } },
    input
  )
  res.json({ segments: await withTrends(req.scope, data), ...page })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateSegmentType>, res: MedusaResponse) => {
  const { result } = await createSegmentWorkflow(req.scope).run({ input: { segment: req.validatedBody as any } })
  res.status(200).json({ segment: await refetchSegment(req.scope, result.segment.id) })
}
