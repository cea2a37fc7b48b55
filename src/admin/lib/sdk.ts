import Medusa from "@medusajs/js-sdk"

/**
 * The admin runs on the same origin as the Medusa server and is signed in with
 * a session cookie, so the client needs no key or token of its own.
 */
export const sdk = new Medusa({
  baseUrl: "/",
  auth: { type: "session" },
})
