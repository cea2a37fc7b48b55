"use server"
// The starter's customer functions, as server actions.
import { redirect } from "next/navigation"
import { medusa } from "../config"
import { identifyVisitor } from "../marketing"
import { getAuthHeaders, getCartId, removeAuthToken, removeCartId, setAuthToken } from "./cookies"

export async function retrieveCustomer() {
  const headers = await getAuthHeaders()
  if (!headers.authorization) return null
  return medusa("/store/customers/me", { headers })
    .then(({ customer }) => customer)
    .catch(() => null)
}

export async function login(_state: unknown, formData: FormData) {
  const email = String(formData.get("email") || "")
  const password = String(formData.get("password") || "")
  let token: string
  try {
    ;({ token } = await medusa("/auth/customer/emailpass", { method: "POST", body: { email, password } }))
    await setAuthToken(token)
  } catch (e: any) {
    return e.message
  }
  // The token just issued links the visitor to the customer (the cookie is only sent from the next request on).
  await identifyVisitor({ email }, { customerToken: token })
  await transferCart(token)
  redirect("/account")
}

async function transferCart(token: string) {
  const cartId = await getCartId()
  if (!cartId) return
  await medusa(`/store/carts/${cartId}/customer`, { method: "POST", headers: { authorization: `Bearer ${token}` } }).catch(
    () => undefined
  )
}

export async function signout() {
  await removeAuthToken()
  await removeCartId()
  redirect("/account")
}
