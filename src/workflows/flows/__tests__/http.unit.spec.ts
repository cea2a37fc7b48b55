import http from "http"
import { AddressInfo } from "net"
import { RefusedAddressError, checkDestination, postJson } from "../utils/http"

describe("webhook destinations", () => {
  let server: http.Server
  let port = 0
  let delayMs = 0
  const bodies: string[] = []

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = []
      req.on("data", (c) => chunks.push(c))
      req.on("end", () => {
        bodies.push(Buffer.concat(chunks).toString("utf8"))
        setTimeout(() => res.writeHead(202).end("ok"), delayMs)
      })
    })
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()))
    port = (server.address() as AddressInfo).port
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it("refuses loopback, private and link-local destinations when private addresses are not allowed", async () => {
    for (const url of ["http://127.0.0.1/", "http://[::1]:8080/", "http://10.0.0.8/", "http://169.254.169.254/latest", "http://localhost/"]) {
      await expect(checkDestination(new URL(url), false)).rejects.toBeInstanceOf(RefusedAddressError)
    }
    await expect(checkDestination(new URL("http://127.0.0.1/"), true)).resolves.toEqual([{ address: "127.0.0.1", family: 4 }])
  })

  it("refuses at connection time too: a name that resolves to loopback is never connected to", async () => {
    const url = new URL(`http://localhost:${port}/hook`)
    await expect(postJson(url, "{}", {}, { timeoutMs: 2000, allowPrivate: false })).rejects.toBeInstanceOf(RefusedAddressError)
    expect(bodies).toEqual([])
  })

  it("posts the body and returns the status when allowed", async () => {
    const url = new URL(`http://localhost:${port}/hook`)
    await expect(postJson(url, '{"a":1}', { "X-Test": "1" }, { timeoutMs: 2000, allowPrivate: true })).resolves.toEqual({ status: 202 })
    expect(bodies).toEqual(['{"a":1}'])
  })

  it("gives up after the timeout", async () => {
    delayMs = 500
    const url = new URL(`http://127.0.0.1:${port}/slow`)
    await expect(postJson(url, "{}", {}, { timeoutMs: 100, allowPrivate: true })).rejects.toThrow("timed out after 100 ms")
    delayMs = 0
  })
})
