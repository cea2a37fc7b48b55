import "server-only"
import { cookies } from "next/headers"

// The starter's cookies: the customer's token and the cart id, both httpOnly.
const SECURE = process.env.NODE_ENV === "production" && process.env.STOREFRONT_INSECURE_COOKIES !== "true"
const OPTIONS = { maxAge: 60 * 60 * 24 * 7, httpOnly: true, sameSite: "strict" as const, secure: SECURE }

export async function getAuthHeaders(): Promise<Record<string, string>> {
  const token = (await cookies()).get("_medusa_jwt")?.value
  return token ? { authorization: `Bearer ${token}` } : {}
}

export async function setAuthToken(token: string) {
  ;(await cookies()).set("_medusa_jwt", token, OPTIONS)
}

export async function removeAuthToken() {
  ;(await cookies()).set("_medusa_jwt", "", { maxAge: -1 })
}

export async function getCartId() {
  return (await cookies()).get("_medusa_cart_id")?.value
}

export async function setCartId(cartId: string) {
  ;(await cookies()).set("_medusa_cart_id", cartId, OPTIONS)
}

export async function removeCartId() {
  ;(await cookies()).set("_medusa_cart_id", "", { maxAge: -1 })
}
