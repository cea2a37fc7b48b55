// Server-only, and deliberately not a "use server" file: these functions are
// called by the cart and customer server actions, never by the browser.
import "server-only"
import { cookies, headers } from "next/headers"
import { createStorefrontTracker, type SendOptions } from "medusa-marketing-automation/storefront"
import { MEDUSA_BACKEND_URL, PUBLISHABLE_KEY } from "./config"

function tracker() {
  return createStorefrontTracker({
    backendUrl: MEDUSA_BACKEND_URL(),
    publishableKey: PUBLISHABLE_KEY(),
    requireConsent: true, // as the layout's tracker
    onError: (e) => console.warn("[marketing]", e.message),
  })
}

async function withRequest(options: SendOptions = {}): Promise<SendOptions> {
  const userAgent = (await headers()).get("user-agent") ?? undefined
  return { userAgent, ...options }
}

/** A storefront event on behalf of this request's visitor (cart id and customer token from the cookies). */
export async function trackServerEvent(type: string, properties: Record<string, unknown>, options?: SendOptions) {
  return tracker().track(await cookies(), type, properties, await withRequest(options))
}

/** Links this request's visitor to what the shopper typed (email) and, with a token, to the customer. */
export async function identifyVisitor(profile: Record<string, unknown>, options?: SendOptions) {
  return tracker().identify(await cookies(), profile, await withRequest(options))
}
