import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type MarketingModuleService from "../../../modules/marketing/service"
import type { SegmentDependencies } from "../../../modules/marketing/segments"

/** A segment another one references cannot be deleted (the reference would dangle). */
export const validateNoDependantsStep = createStep("validate-no-segment-dependants", async (id: string, { container }) => {
  const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
  await marketing.retrieveSegment(id)
  const users = (await marketing.listSegments({}, { select: ["id", "name", "dependencies"] })).filter((s) =>
    ((s.dependencies as SegmentDependencies | null)?.segments ?? []).includes(id)
  )
  if (users.length) {
    throw new MedusaError(
      MedusaError.Types.NOT_ALLOWED,
      `The segment is used by ${users.map((s) => `"${s.name}"`).join(", ")}; remove it from their definitions first`
    )
  }
  return new StepResponse(id)
})
