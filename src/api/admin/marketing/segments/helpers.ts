import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../modules/marketing"
import type MarketingModuleService from "../../../../modules/marketing/service"
import { BuiltInSegment, MAX_INDUSTRY_BUILT_INS, builtInSegments } from "../../../../modules/marketing/segments"
import { SEGMENT_FIELDS } from "./query-config"

/** Segments with their 30-day trend, for list and detail answers. */
export async function withTrends<T extends { id: string; member_count: number }>(scope: MedusaContainer, segments: T[]) {
  const marketing = scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const trends = await marketing.segmentTrends(segments)
  return segments.map((s) => ({ ...s, trend: trends[s.id] }))
}

/** One segment as the routes answer it (after a write too): its fields and trend; a 404 when unknown. */
export async function refetchSegment(scope: MedusaContainer, id: string) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "segment", fields: SEGMENT_FIELDS, filters: { id } }, { throwIfKeyNotFound: true })
  const [segment] = await withTrends(scope, [data[0]])
  return segment
}

/**
 * The built-ins for this store: its top-level categories, the countries of its
 * regions and contacts, and its contacts' most common industries.
 */
export async function storeBuiltIns(scope: MedusaContainer): Promise<(BuiltInSegment & { added: boolean; segment_id: string | null })[]> {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const marketing = scope.resolve<MarketingModuleService>(MARKETING_MODULE)
  const { data: categories } = await query.graph({
    entity: "product_category",
    fields: ["id", "name"],
    filters: { parent_category_id: null },
    pagination: { take: 50, order: { rank: "ASC" } },
  })
  const { data: countries } = await query.graph({ entity: "region", fields: ["countries.iso_2", "countries.display_name"] })
  const found = new Map<string, string | undefined>()
  for (const region of countries) {
    for (const c of region.countries ?? []) if (c?.iso_2) found.set(c.iso_2.toLowerCase(), c.display_name ?? undefined)
  }
  for (const code of await marketing.contactCountries(50)) if (!found.has(code)) found.set(code, undefined)
  const predictions = await marketing.hasPredictions()
  const list = builtInSegments({
    categories: categories.map((c: { id: string; name: string }) => ({ id: c.id, name: c.name })),
    countries: [...found].sort(([a], [b]) => a.localeCompare(b)).map(([code, name]) => ({ code, name })),
    industries: (await marketing.contactIndustries(MAX_INDUSTRY_BUILT_INS)).sort((a, b) => a.localeCompare(b)),
    predictions: predictions.customers,
    propensities: predictions.leads,
  })
  const added = await marketing.listSegments({ built_in_key: list.map((b) => b.key) }, { select: ["id", "built_in_key"] })
  const byKey = new Map(added.map((s) => [s.built_in_key, s.id]))
  return list.map((b) => ({ ...b, added: byKey.has(b.key), segment_id: byKey.get(b.key) ?? null }))
}
