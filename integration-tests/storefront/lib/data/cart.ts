"use server"
// The starter's cart functions, as server actions. The marketing calls go
// through lib/marketing.ts, which is not a server action module.
import { revalidatePath } from "next/cache"
import { redirect } from "next/navigation"
import { medusa } from "../config"
import { identifyVisitor, trackServerEvent } from "../marketing"
import { getAuthHeaders, getCartId, setCartId } from "./cookies"

const CART_FIELDS = "id,email,customer_id,region_id,*items"

export async function retrieveCart() {
  const id = await getCartId()
  if (!id) return null
  return medusa(`/store/carts/${id}?fields=${encodeURIComponent(CART_FIELDS)}`, { headers: await getAuthHeaders() })
    .then(({ cart }) => cart)
    .catch(() => null)
}

async function getOrSetCart() {
  const existing = await retrieveCart()
  if (existing) return existing
  const { regions } = await medusa("/store/regions")
  if (!regions?.length) throw new Error("No region")
  const { cart } = await medusa("/store/carts", {
    method: "POST",
    body: { region_id: regions[0].id },
    headers: await getAuthHeaders(),
  })
  await setCartId(cart.id)
  return cart
}

export async function addToCart({ productId, variantId, quantity }: { productId: string; variantId: string; quantity: number }) {
  if (!variantId) throw new Error("Missing variant ID when adding to cart")
  const cart = await getOrSetCart()
  await medusa(`/store/carts/${cart.id}/line-items`, {
    method: "POST",
    body: { variant_id: variantId, quantity },
    headers: await getAuthHeaders(),
  })
  // The cart cookie may have been set in this very request: pass the id explicitly.
  await trackServerEvent(
    "product_added_to_cart",
    { product_id: productId, variant_id: variantId, quantity },
    { cartId: cart.id }
  )
  revalidatePath("/cart")
}

/** The checkout's email step (the starter's setAddresses saves the email with the addresses). */
export async function setEmail(_state: unknown, formData: FormData) {
  const email = String(formData.get("email") || "").trim()
  const cartId = await getCartId()
  if (!cartId) return "No existing cart found"
  try {
    await medusa(`/store/carts/${cartId}`, { method: "POST", body: { email }, headers: await getAuthHeaders() })
  } catch (e: any) {
    return e.message
  }
  await identifyVisitor({ email })
  redirect("/checkout?step=delivery")
}
