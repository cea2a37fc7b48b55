import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../../../modules/marketing"
import type MarketingModuleService from "../../../../../../../modules/marketing/service"
import { withContacts, withOrderNumbers } from "../helpers"

/**
 * One enrollment with its step runs, oldest first (newest last), its
 * `contact`, and the converting order's `conversion_order_display_id`.
 */
export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  const marketing = req.scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const [enrollment] = await marketing.listFlowEnrollments({ id: req.params.enrollment_id, flow_id: req.params.id }, { take: 1 })
  if (!enrollment) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Enrollment with id "${req.params.enrollment_id}" was not found in flow ${req.params.id}`)
  }
  const step_runs = await marketing.listFlowStepRuns({ enrollment_id: enrollment.id }, { order: { started_at: "ASC", created_at: "ASC" }, take: 1000 })
  const [shown] = await withOrderNumbers(req.scope, await withContacts(marketing, [enrollment]))
  res.json({ enrollment: { ...shown, step_runs } })
}
