import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { randomUUID } from "crypto"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { enrollInFlowWorkflow } from "../../../../../../workflows/flows"
import { withContacts, withOrderNumbers } from "./helpers"
import type { AdminEnrollInFlowType, AdminListFlowEnrollmentsType } from "./validators"

/** A flow's enrollments, newest first, by status and contact, each with its `contact` and converting order's number. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListFlowEnrollmentsType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const { limit, offset, status, contact_id } = req.validatedQuery
  await marketing.retrieveFlow(req.params.id, { select: ["id"] })
  const [enrollments, count] = await marketing.listAndCountFlowEnrollments(
    { flow_id: req.params.id, ...(status ? { status } : {}), ...(contact_id ? { contact_id } : {}) },
    { skip: offset, take: limit, order: { entered_at: "DESC", id: "DESC" } }
  )
  res.json({ enrollments: await withOrderNumbers(req.scope, await withContacts(marketing, enrollments)), count, limit, offset })
}

/** Enrolls one contact now, or a segment now or at `at`. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminEnrollInFlowType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const body = req.validatedBody
  await marketing.retrieveFlow(req.params.id, { select: ["id"] })
  if (body.contact_id) await marketing.retrieveContact(body.contact_id, { select: ["id"] })
  if (body.segment_id) await marketing.retrieveSegment(body.segment_id, { select: ["id"] })
  const { result } = await enrollInFlowWorkflow(req.scope).run({
    input: { flow_id: req.params.id, ...body, request_id: randomUUID() },
  })
  res.status(result.schedule_id ? 202 : 200).json(result)
}
