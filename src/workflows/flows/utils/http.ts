import { lookup as dnsLookup, type LookupAddress } from "dns"
import http from "http"
import https from "https"
import { isIP } from "net"
import { hostOf, isRefusedAddress } from "../../../modules/marketing/flows/actions"

/** A destination refused by the address policy (private, loopback, link-local…). */
export class RefusedAddressError extends Error {
  constructor(readonly address: string, host: string) {
    super(`${host} resolves to ${address}, a private, loopback or link-local address`)
  }
}

/**
 * Resolves the host (every address, IPv4 and IPv6) and throws when any of
 * them is refused, unless private addresses are allowed.
 */
export async function checkDestination(url: URL, allowPrivate: boolean): Promise<LookupAddress[]> {
  const host = hostOf(url)
  const addresses: LookupAddress[] = isIP(host)
    ? [{ address: host, family: isIP(host) }]
    : await new Promise((resolve, reject) =>
        dnsLookup(host, { all: true, verbatim: true }, (err, found) => (err ? reject(err) : resolve(found)))
      )
  if (!allowPrivate) {
    const refused = addresses.find((a) => isRefusedAddress(a.address))
    if (refused) throw new RefusedAddressError(refused.address, host)
  }
  return addresses
}

export type PostResult = { status: number }

/**
 * POSTs a body and resolves with the response status (the body is read and
 * dropped). The connection's own DNS lookup checks the addresses again, so a
 * name that changes between the check and the connection (DNS rebinding)
 * still cannot reach a refused address. Rejects on timeout and network errors.
 */
export function postJson(
  url: URL,
  body: string,
  headers: Record<string, string>,
  { timeoutMs, allowPrivate }: { timeoutMs: number; allowPrivate: boolean }
): Promise<PostResult> {
  const lookup = (hostname: string, options: any, callback: (...args: any[]) => void) => {
    dnsLookup(hostname, { all: true, verbatim: true }, (err, found) => {
      if (err) return callback(err)
      const refused = allowPrivate ? undefined : found.find((a) => isRefusedAddress(a.address))
      if (refused) return callback(new RefusedAddressError(refused.address, hostname))
      if (options?.all) return callback(null, found)
      callback(null, found[0].address, found[0].family)
    })
  }
  const client = url.protocol === "https:" ? https : http
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
        lookup: lookup as any,
        timeout: timeoutMs,
      },
      (res) => {
        res.resume()
        res.on("end", () => resolve({ status: res.statusCode ?? 0 }))
        res.on("error", reject)
      }
    )
    // The whole exchange, not only socket inactivity, is bounded.
    const timer = setTimeout(() => req.destroy(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs)
    req.on("timeout", () => req.destroy(new Error(`timed out after ${timeoutMs} ms`)))
    req.on("error", reject)
    req.on("close", () => clearTimeout(timer))
    req.end(body)
  })
}
