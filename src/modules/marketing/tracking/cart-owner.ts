import type { PreparedEvent } from "./types"

/** Pure rules of cart stitching (tracking/cart.ts has the SQL): which cart an event names, who joins whom. */

/** Medusa's cart ids: `cart_` and a ULID (the length is bounded for the store route). */
export const CART_ID_PATTERN = /^cart_[0-9A-Za-z]+$/
export const MAX_CART_ID_LENGTH = 64

/** The cart an event is about: Medusa's cart and order events, or a storefront event's `properties.cart_id`. */
export function cartIdOf(event: Pick<PreparedEvent, "cart_id" | "properties">): string | null {
  if (event.cart_id) return event.cart_id
  const fromProperties = event.properties?.cart_id
  return isCartId(fromProperties) ? fromProperties : null
}

export function isCartId(value: unknown): value is string {
  return typeof value === "string" && value.length <= MAX_CART_ID_LENGTH && CART_ID_PATTERN.test(value)
}

export type CartHolder = { id: string; customer_id: string | null; has_account: boolean | null }

/** A contact whose customer has an account, or may have one (not known to be a guest). */
const mayBeAccount = (c: CartHolder) => !!c.customer_id && c.has_account !== false

/**
 * Which of two contacts holding events of one cart becomes the other, if
 * either: `claimant` just showed it owns the cart, `holder` holds some of
 * its events. A holder without a customer joins the claimant; a visitor
 * naming a guest customer's cart joins the guest's contact; a guest joins an
 * account that names its cart. Two customers that may both have accounts never merge (another
 * person's account on a shared device), nor do two different guests.
 */
export function cartMerge(claimant: CartHolder, holder: CartHolder): { source_id: string; target_id: string } | null {
  if (claimant.id === holder.id) return null
  if (!holder.customer_id) return { source_id: holder.id, target_id: claimant.id }
  if (!claimant.customer_id) {
    return holder.has_account === false ? { source_id: claimant.id, target_id: holder.id } : null
  }
  if (mayBeAccount(claimant) && holder.has_account === false) return { source_id: holder.id, target_id: claimant.id }
  return null
}
