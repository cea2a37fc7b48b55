import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MedusaError } from "@medusajs/framework/utils"
import type { AudiencePlatform, ContactExportKind } from "../../../modules/marketing/exports"
import { marketingOf } from "../../utils/marketing"

export const createContactExportStepId = "create-contact-export"

export type CreateContactExportInput = {
  kind: ContactExportKind
  segment_id?: string | null
  filters?: Record<string, unknown> | null
  columns: string[]
  advertising: boolean
  platform?: AudiencePlatform | null
  requested_by?: string | null
}

/**
 * Records an export as pending (the background run picks it up). A segment
 * export names a segment that exists: otherwise a 404 and nothing is written.
 */
export const createContactExportStep = createStep(
  createContactExportStepId,
  async (input: CreateContactExportInput, { container }) => {
    const marketing = marketingOf(container)
    if (input.segment_id) {
      const [segment] = await marketing.listSegments({ id: input.segment_id }, { select: ["id"], take: 1 })
      if (!segment) throw new MedusaError(MedusaError.Types.NOT_FOUND, `Segment with id "${input.segment_id}" was not found`)
    }
    const created = await marketing.createContactExports({
      kind: input.kind,
      segment_id: input.segment_id ?? null,
      filters: input.filters ?? null,
      columns: input.columns as unknown as Record<string, unknown>,
      advertising: input.advertising,
      platform: input.platform ?? null,
      requested_by: input.requested_by ?? null,
      status: "pending",
    })
    return new StepResponse(created, created.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).deleteContactExports(id)
  }
)
