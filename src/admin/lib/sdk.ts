import Medusa from "@medusajs/js-sdk"

/**
 * The admin bundler defines these globals from the store's config: the backend
 * URL (`admin.backendUrl`, set when the admin is deployed apart from the
 * server) and the auth type (ADMIN_AUTH_TYPE at build time). Read them as
 * Medusa's dashboard and draft-order plugin do, so our pages call the same
 * server with the same credentials; fall back to the same origin and the
 * session cookie when they are not defined (e.g. under Jest).
 */
export const backendUrl = (typeof __BACKEND_URL__ !== "undefined" ? __BACKEND_URL__ : undefined) ?? "/"
const authType = (typeof __AUTH_TYPE__ !== "undefined" ? __AUTH_TYPE__ : undefined) ?? "session"
const jwtTokenStorageKey =
  (typeof __JWT_TOKEN_STORAGE_KEY__ !== "undefined" ? __JWT_TOKEN_STORAGE_KEY__ : undefined) || undefined

export const sdk = new Medusa({
  baseUrl: backendUrl,
  auth: { type: authType, jwtTokenStorageKey },
})
