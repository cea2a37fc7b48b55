import type { SqlRunner } from "../sql-runner"

export const PRODUCT_STRATEGIES = ["recently_viewed", "bestsellers_in_viewed_category", "bestsellers"] as const
export type ProductStrategy = (typeof PRODUCT_STRATEGIES)[number]

/** Products this contact viewed, latest first. */
export async function recentlyViewedProductIds(em: SqlRunner, contactId: string, limit: number): Promise<string[]> {
  const rows: { product_id: string }[] = await em.execute(
    `SELECT properties->>'product_id' AS product_id FROM marketing_event
      WHERE contact_id = ? AND type = 'product_viewed' AND properties->>'product_id' IS NOT NULL
      GROUP BY 1 ORDER BY max(occurred_at) DESC LIMIT ?`,
    [contactId, limit]
  )
  return rows.map((row) => row.product_id)
}

/** The category this contact looked at most in the last 30 days, if any. */
export async function mostViewedCategoryId(em: SqlRunner, contactId: string, now: Date): Promise<string | null> {
  const rows: { category_id: string }[] = await em.execute(
    `SELECT properties->>'category_id' AS category_id FROM marketing_event
      WHERE contact_id = ? AND type IN ('product_viewed', 'category_viewed')
        AND occurred_at > ?::timestamptz - interval '30 days' AND properties->>'category_id' IS NOT NULL
      GROUP BY 1 ORDER BY count(*) DESC, max(occurred_at) DESC LIMIT 1`,
    [contactId, now.toISOString()]
  )
  return rows[0]?.category_id ?? null
}

/**
 * Products ordered most often in the last 90 days (from the plugin's own
 * `order_placed` events), optionally only among `candidates`.
 */
export async function bestsellerProductIds(
  em: SqlRunner,
  input: { now: Date; limit: number; candidates?: string[] | null }
): Promise<string[]> {
  const params: unknown[] = [input.now.toISOString()]
  let among = ""
  if (input.candidates) {
    if (!input.candidates.length) return []
    among = "AND p.id IN (SELECT jsonb_array_elements_text(?::jsonb))"
    params.push(JSON.stringify(input.candidates))
  }
  params.push(input.limit)
  const rows: { id: string }[] = await em.execute(
    `SELECT p.id FROM marketing_event e, jsonb_array_elements_text(e.properties->'product_ids') AS p(id)
      WHERE e.type = 'order_placed' AND e.occurred_at > ?::timestamptz - interval '90 days'
        AND jsonb_typeof(e.properties->'product_ids') = 'array' ${among}
      GROUP BY p.id ORDER BY count(*) DESC, p.id LIMIT ?`,
    params
  )
  return rows.map((row) => row.id)
}

/**
 * Product ids for an email: what the contact viewed, or the bestsellers of
 * the category they viewed most (`candidates` are that category's products,
 * read by the caller through Query), or the store's bestsellers.
 */
export async function chooseProductIds(
  em: SqlRunner,
  input: { contact_id?: string | null; strategy: ProductStrategy; limit: number; candidates?: string[] | null; now?: Date }
): Promise<string[]> {
  const now = input.now ?? new Date()
  if (input.strategy === "recently_viewed") {
    return input.contact_id ? await recentlyViewedProductIds(em, input.contact_id, input.limit) : []
  }
  return await bestsellerProductIds(em, { now, limit: input.limit, candidates: input.candidates })
}
