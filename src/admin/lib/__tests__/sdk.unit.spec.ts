/**
 * The admin's SDK calls the backend URL and uses the auth type the admin was
 * built with (the bundler's __BACKEND_URL__ and __AUTH_TYPE__ globals), and
 * the same origin with a session cookie when they are not defined.
 * integration-tests/browser/admin-backend-url.spec.ts checks it in a real admin build.
 */
const globals = globalThis as Record<string, unknown>

function loadSdk(define: Record<string, string | undefined>) {
  for (const key of ["__BACKEND_URL__", "__AUTH_TYPE__", "__JWT_TOKEN_STORAGE_KEY__"]) delete globals[key]
  Object.assign(globals, define)
  let loaded: typeof import("../sdk") | undefined
  jest.isolateModules(() => {
    loaded = require("../sdk")
  })
  return loaded!
}

describe("admin sdk", () => {
  const realFetch = globalThis.fetch
  afterEach(() => {
    globalThis.fetch = realFetch
    for (const key of ["__BACKEND_URL__", "__AUTH_TYPE__", "__JWT_TOKEN_STORAGE_KEY__"]) delete globals[key]
  })

  it("calls the backend URL the admin was built with, with its auth type", async () => {
    const { sdk, backendUrl } = loadSdk({ __BACKEND_URL__: "https://api.shop.test", __AUTH_TYPE__: "jwt" })
    expect(backendUrl).toBe("https://api.shop.test")
    expect((sdk.client as any).config.auth.type).toBe("jwt")

    const urls: string[] = []
    globalThis.fetch = (async (input: any) => {
      urls.push(String(input instanceof Request ? input.url : input))
      return new Response(JSON.stringify({ contacts: [] }), { status: 200, headers: { "content-type": "application/json" } })
    }) as typeof fetch
    await sdk.client.fetch("/admin/marketing/contacts")
    expect(urls).toEqual(["https://api.shop.test/admin/marketing/contacts"])
  })

  it("falls back to the same origin and the session cookie when the bundler defined nothing", () => {
    const { sdk, backendUrl } = loadSdk({})
    expect(backendUrl).toBe("/")
    expect((sdk.client as any).config.auth.type).toBe("session")
  })
})
