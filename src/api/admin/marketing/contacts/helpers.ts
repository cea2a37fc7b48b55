import { escapeLike } from "../../../../modules/marketing/conditions"
import type { AdminListContactsType } from "./validators"

/** `-last_seen_at` → `{ last_seen_at: "DESC", id: "DESC" }`. */
export function contactOrder(order: string): Record<string, "ASC" | "DESC"> {
  const desc = order.startsWith("-")
  const field = desc ? order.slice(1) : order
  // id breaks ties so pages never overlap
  return { [field]: desc ? "DESC" : "ASC", id: desc ? "DESC" : "ASC" }
}

/**
 * The list's search and filters as a query filter. `q` matches part of an
 * email, or exactly one of `matchedIds`: the contacts it names as a visitor,
 * customer or cart id (found by `findContactIdsByIdentifier`).
 */
export function contactFilters(input: AdminListContactsType, matchedIds: string[] = []): Record<string, unknown> {
  const and: Record<string, unknown>[] = []
  if (input.q) {
    const email = { email: { $ilike: `%${escapeLike(input.q)}%` } }
    and.push(matchedIds.length ? { $or: [email, { id: { $in: matchedIds } }] } : email)
  }
  if (input.customer_id) and.push({ customer_id: input.customer_id })
  if (input.owner_user_id) and.push({ owner_user_id: input.owner_user_id })
  if (input.country_code) and.push({ country_code: input.country_code })
  if (input.device_type) and.push({ device_type: input.device_type })
  if (input.source) and.push({ $or: [{ first_utm_source: input.source }, { last_utm_source: input.source }] })
  // Known: we know who the person is (an email, or a Medusa customer).
  if (input.known === true) and.push({ $or: [{ email: { $ne: null } }, { customer_id: { $ne: null } }] })
  if (input.known === false) and.push({ email: null, customer_id: null })
  if (input.last_seen_after) and.push({ last_seen_at: { $gte: input.last_seen_after } })
  if (input.last_seen_before) and.push({ last_seen_at: { $lte: input.last_seen_before } })
  if (input.lifecycle_stage) and.push({ lifecycle_stage: input.lifecycle_stage })
  if (input.rfm_group) and.push({ rfm_group: input.rfm_group })
  if (input.min_acquisition_score !== undefined) and.push({ acquisition_score: { $gte: input.min_acquisition_score } })
  if (input.max_acquisition_score !== undefined) and.push({ acquisition_score: { $lte: input.max_acquisition_score } })
  if (input.min_loyalty_score !== undefined) and.push({ loyalty_score: { $gte: input.min_loyalty_score } })
  return and.length ? { $and: and } : {}
}
