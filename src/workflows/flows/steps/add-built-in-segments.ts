import { ContainerRegistrationKeys, MedusaError } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { MAX_INDUSTRY_BUILT_INS, builtInSegments, dependenciesOf, industryKey, industryOfKey } from "../../../modules/marketing/segments"
import { marketingOf } from "../../utils/marketing"

export type AddBuiltInSegmentsStepOutput = {
  /** Built-in key → segment id, for every key asked (added now or before). */
  ids: Record<string, string>
  /** The segments added now (to build). */
  created: string[]
}

export const addBuiltInSegmentsStepId = "add-built-in-segments"

/**
 * Adds the built-in segments of these keys that the store does not have yet
 * (as `POST /admin/marketing/segments/built-ins` does, without a mirror
 * group). Interest, country and industry built-ins are made for the
 * category, country or industry their key names. Compensation deletes the ones it added.
 */
export const addBuiltInSegmentsStep = createStep(
  addBuiltInSegmentsStepId,
  async (keys: string[], { container }) => {
    const marketing = marketingOf(container)
    const existing = keys.length ? await marketing.listSegments({ built_in_key: keys }, { select: ["id", "built_in_key"] }) : []
    const ids: Record<string, string> = {}
    for (const s of existing) if (s.built_in_key) ids[s.built_in_key] = s.id
    const wanted = keys.filter((k) => !ids[k])
    if (!wanted.length) return new StepResponse<AddBuiltInSegmentsStepOutput, string[]>({ ids, created: [] }, [] as string[])

    const categoryIds = wanted.filter((k) => k.startsWith("interest:")).map((k) => k.slice("interest:".length))
    const { data: categories } = categoryIds.length
      ? await container.resolve(ContainerRegistrationKeys.QUERY).graph({ entity: "product_category", fields: ["id", "name"], filters: { id: categoryIds } })
      : { data: [] as { id: string; name: string }[] }
    const countries = wanted.filter((k) => k.startsWith("country:")).map((k) => ({ code: k.slice("country:".length) }))
    // An industry key names its value lower-cased: shown as the contacts spell it when they have it.
    const industryValues = wanted.map(industryOfKey).filter((v): v is string => v !== null)
    const spelled = industryValues.length ? await marketing.contactIndustries(MAX_INDUSTRY_BUILT_INS) : []
    const industries = industryValues.map((v) => spelled.find((s) => industryKey(s) === industryKey(v)) ?? v)
    const all = builtInSegments({ categories: categories.map((c: { id: string; name: string }) => ({ id: c.id, name: c.name })), countries, industries })
    const unknown = wanted.filter((k) => !all.some((b) => b.key === k))
    if (unknown.length) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, `Invalid request: unknown built-in segment ${unknown.map((k) => `"${k}"`).join(", ")}`)
    }
    const created = await marketing.createSegments(
      all
        .filter((b) => wanted.includes(b.key))
        .map((b) => ({
          name: b.name,
          description: b.description,
          definition: b.definition as unknown as Record<string, unknown>,
          built_in_key: b.key,
          mirror_to_customer_group: false,
          dependencies: dependenciesOf(b.definition) as unknown as Record<string, unknown>,
        }))
    )
    for (const s of created) ids[s.built_in_key!] = s.id
    const createdIds = created.map((s) => s.id)
    return new StepResponse<AddBuiltInSegmentsStepOutput, string[]>({ ids, created: createdIds }, createdIds)
  },
  async (created, { container }) => {
    if (!created?.length) return
    await marketingOf(container).purgeSegmentMemberships(created)
    await marketingOf(container).deleteSegments(created)
  }
)
