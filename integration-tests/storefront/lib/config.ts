import "server-only"

// Read at request time (server-only variables), so one build serves any backend and key.
export const MEDUSA_BACKEND_URL = () => process.env.MEDUSA_BACKEND_URL || "http://localhost:9000"
export const PUBLISHABLE_KEY = () => process.env.MEDUSA_PUBLISHABLE_KEY || ""

/** A store API call with the publishable key, as the starter's SDK makes it. */
export async function medusa<T = any>(
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}
): Promise<T> {
  const res = await fetch(MEDUSA_BACKEND_URL() + path, {
    method: init.method ?? "GET",
    headers: {
      "content-type": "application/json",
      "x-publishable-api-key": PUBLISHABLE_KEY(),
      ...(init.headers ?? {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
    cache: "no-store",
  })
  const json = await res.json().catch(() => null)
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}: ${JSON.stringify(json)}`)
  return json as T
}
