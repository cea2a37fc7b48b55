import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { escapeLike } from "../../modules/marketing/conditions"

type PageQuery = {
  entity: string
  fields: string[]
  filters: Record<string, unknown>
  order: Record<string, "ASC" | "DESC">
}

/** One page of a list route: the rows, the total count, and the offset and limit asked for. */
export async function listPage(scope: MedusaContainer, page: PageQuery, { offset, limit }: { offset: number; limit: number }) {
  const query = scope.resolve(ContainerRegistrationKeys.QUERY)
  const { data, metadata } = await query.graph({
    entity: page.entity,
    fields: page.fields,
    filters: page.filters,
    pagination: { skip: offset, take: limit, order: page.order },
  })
  return { data, count: metadata?.count ?? 0, offset, limit }
}

/** The filter of a list's `q`: names containing it, any case. */
export const nameSearch = (q: string | undefined) => (q ? { name: { $ilike: `%${escapeLike(q)}%` } } : {})
