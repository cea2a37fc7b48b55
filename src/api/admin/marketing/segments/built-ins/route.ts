import type { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { createSegmentWorkflow } from "../../../../../workflows/segments"
import { refetchSegment, storeBuiltIns } from "../helpers"
import type { AdminAddBuiltInSegmentType } from "../validators"

export const GET = async (req: AuthenticatedMedusaRequest, res: MedusaResponse) => {
  res.json({ built_ins: await storeBuiltIns(req.scope) })
}

/** Adds a ready-made segment in one click. */
export const POST = async (req: AuthenticatedMedusaRequest<AdminAddBuiltInSegmentType>, res: MedusaResponse) => {
  const builtIn = (await storeBuiltIns(req.scope)).find((b) => b.key === req.validatedBody.key)
  if (!builtIn) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: key: unknown built-in segment "${req.validatedBody.key}"`)
  if (builtIn.added) throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: key: "${builtIn.name}" is already added`)
  const { result } = await createSegmentWorkflow(req.scope).run({
    input: {
      segment: {
        name: builtIn.name,
        description: builtIn.description,
        definition: builtIn.definition,
        built_in_key: builtIn.key,
        mirror_to_customer_group: req.validatedBody.mirror_to_customer_group ?? false,
      },
    },
  })
  res.json({ segment: await refetchSegment(req.scope, result.segment.id) })
}
