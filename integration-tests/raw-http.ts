import http from "http"

export type RawResponse = { status: number; headers: http.IncomingHttpHeaders; body: string; ms: number }

/**
 * One HTTP request sent exactly as given (path bytes, headers, body), as a
 * hostile client would: axios would re-encode the path and set its own
 * content type. Answers status 0 when nothing came back within `timeoutMs`.
 */
export function rawRequest(
  port: number,
  method: string,
  path: string,
  { headers = {}, body, timeoutMs = 5000 }: { headers?: Record<string, string>; body?: string | Buffer; timeoutMs?: number } = {}
): Promise<RawResponse> {
  const started = Date.now()
  return new Promise((resolve) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = []
      res.on("data", (c: Buffer) => chunks.push(c))
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8"), ms: Date.now() - started })
      )
      res.on("error", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: "", ms: Date.now() - started }))
    })
    req.setTimeout(timeoutMs, () => {
      req.destroy()
      resolve({ status: 0, headers: {}, body: "no answer", ms: Date.now() - started })
    })
    req.on("error", (e) => resolve({ status: -1, headers: {}, body: String(e), ms: Date.now() - started }))
    if (body !== undefined) req.write(body)
    req.end()
  })
}

/** The port of the app the runner booted, from its axios instance. */
export const portOf = (api: { defaults: { baseURL?: string } }) => Number(new URL(api.defaults.baseURL!).port)
