import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { escapeLike } from "../../../../modules/marketing/conditions"
import { createSegmentWorkflow } from "../../../../workflows/segments"
import { refetchSegment, withTrends } from "./helpers"
import { SEGMENT_FIELDS } from "./query-config"
import type { AdminCreateSegmentType, AdminListSegmentsType } from "./validators"

export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListSegmentsType>, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const input = req.validatedQuery
  const { data, metadata } = await query.graph({
    entity: "segment",
    fields: SEGMENT_FIELDS,
    filters: input.q ? { name: { $ilike: `%${escapeLike(input.q)}%` } } : {},
    pagination: { skip: input.offset, take: input.limit, order: { name: "ASC", id: "ASC" } },
  })
  res.json({ segments: await withTrends(req.scope, data), count: metadata?.count ?? 0, offset: input.offset, limit: input.limit })
}

export const POST = async (req: AuthenticatedMedusaRequest<AdminCreateSegmentType>, res: MedusaResponse) => {
  const { result } = await createSegmentWorkflow(req.scope).run({ input: { segment: req.validatedBody as any } })
  res.status(200).json({ segment: await refetchSegment(req.scope, result.segment.id) })
}
