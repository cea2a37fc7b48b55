import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../modules/marketing/service"
import { withFlowsAndSteps, withOrderNumbers } from "../../../flows/[id]/enrollments/helpers"
import type { AdminListContactEnrollmentsType } from "../../validators"

/** The contact's enrollments in every flow, newest first, each with its flow and current step. */
export const GET = async (req: AuthenticatedMedusaRequest<unknown, AdminListContactEnrollmentsType>, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const { limit, offset, status } = req.validatedQuery
  await marketing.retrieveContact(req.params.id, { select: ["id"] })
  const [enrollments, count] = await marketing.listAndCountFlowEnrollments(
    { contact_id: req.params.id, ...(status ? { status } : {}) },
    { skip: offset, take: limit, order: { entered_at: "DESC", id: "DESC" } }
  )
  res.json({ enrollments: await withOrderNumbers(req.scope, await withFlowsAndSteps(marketing, enrollments)), count, limit, offset })
}
