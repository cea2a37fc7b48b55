import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { InvalidInputError } from "../../../modules/marketing/invalid-input"
import type { FormDefinition } from "../../../modules/marketing/forms/types"
import { marketingOf } from "../../utils/marketing"

export const checkFormReferencesStepId = "check-form-references"

/**
 * What a form names must exist: its consent topics among the store's
 * `email.topics`, its segments among the segments. A 400 naming the first
 * bad one (`consent.topics[1]`), before anything is written.
 */
export const checkFormReferencesStep = createStep(
  checkFormReferencesStepId,
  async (input: { form: Pick<FormDefinition, "consent" | "targeting"> }, { container }) => {
    const marketing = marketingOf(container)
    const problems: { field: string; message: string }[] = []
    const topics = new Set(marketing.getEmailSettings().topics.map((t) => t.id))
    input.form.consent.topics.forEach((id, i) => {
      if (!topics.has(id)) problems.push({ field: `consent.topics[${i}]`, message: `unknown topic ${id} (the store's topics: ${[...topics].join(", ")})` })
    })
    const named = [...input.form.targeting.segment_ids, ...input.form.targeting.exclude_segment_ids]
    if (named.length) {
      const found = new Set((await marketing.listSegments({ id: named }, { select: ["id"] })).map((s) => s.id))
      for (const key of ["segment_ids", "exclude_segment_ids"] as const) {
        input.form.targeting[key].forEach((id, i) => {
          if (!found.has(id)) problems.push({ field: `targeting.${key}[${i}]`, message: `no segment ${id}` })
        })
      }
    }
    if (problems.length) {
      throw new InvalidInputError(`Invalid request: ${problems.map((p) => `${p.field}: ${p.message}`).join("; ")}`, problems[0].field)
    }
    return new StepResponse(true)
  }
)
