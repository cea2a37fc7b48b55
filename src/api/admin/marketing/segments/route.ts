import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { createSegmentWorkflow } from "../../../../workflows/segments"
import { withTrends } from "./helpers"
import type { AdminCreateSegmentType, AdminListSegmentsType } from "./validators"
import { escapeLike } from "../../../../modules/marketing/conditions"

export const SEGMENT_FIELDS = [
  "id", "name", "description", "definition", "built_in_key", "mirror_to_customer_group",
  "customer_group_id", "member_count", "built_at", "created_at", "updated_at",
]

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const input = req.validatedQuery as unknown as AdminListSegmentsType
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
  const [segment] = await withTrends(req.scope, [await retrieve(req, result.segment.id)])
  res.status(200).json({ segment })
}

export async function retrieve(req: AuthenticatedMedusaRequest, id: string) {
  const query = req.scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "segment", fields: SEGMENT_FIELDS, filters: { id } }, { throwIfKeyNotFound: true })
  return data[0]
}
