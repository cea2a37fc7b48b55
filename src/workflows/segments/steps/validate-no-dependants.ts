import { MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { SegmentDependencies } from "../../../modules/marketing/segments"
import { marketingOf } from "../../utils/marketing"

export const validateNoDependantsStepId = "validate-no-segment-dependants"

/** A segment another one references cannot be deleted (the reference would dangle). */
export const validateNoDependantsStep = createStep(validateNoDependantsStepId, async (id: string, { container }) => {
  const marketing = marketingOf(container)
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
