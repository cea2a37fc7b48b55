import { isIP } from "net"

/**
 * Whether a webhook may not be sent to this IP: private, loopback, link-local,
 * unspecified, shared (CGNAT), multicast or reserved ranges, in IPv4 and IPv6
 * (IPv4-mapped and NAT64 IPv6 addresses are checked as the IPv4 inside).
 * A string that is not an IP counts as refused.
 */
export function isRefusedAddress(ip: string): boolean {
  const family = isIP(ip)
  if (family === 4) return refusedV4(v4Octets(ip))
  if (family === 6) return refusedV6(ip)
  return true
}

function v4Octets(ip: string): number[] {
  return ip.split(".").map((p) => Number(p))
}

function refusedV4([a, b]: number[]): boolean {
  return (
    a === 0 || // "this" network, 0.0.0.0
    a === 10 ||
    a === 127 ||
    (a === 100 && b >= 64 && b <= 127) || // shared address space (CGNAT)
    (a === 169 && b === 254) || // link-local, cloud metadata
    (a === 172 && b >= 16 && b <= 31) ||
    (a === 192 && b === 168) ||
    (a === 192 && b === 0) || // IETF protocol assignments and TEST-NET-1 (192.0.0.0/24, 192.0.2.0/24)
    (a === 198 && (b === 18 || b === 19)) || // benchmarking
    (a === 198 && b === 51) || // TEST-NET-2
    (a === 203 && b === 0) || // TEST-NET-3
    a >= 224 // multicast, reserved, broadcast
  )
}

/** The eight 16-bit groups of an IPv6 address (with an embedded dotted IPv4 tail expanded). */
export function v6Groups(ip: string): number[] {
  let text = ip.toLowerCase().split("%")[0]
  const dotted = text.match(/(\d+\.\d+\.\d+\.\d+)$/)
  if (dotted) {
    const [a, b, c, d] = v4Octets(dotted[1])
    text = text.slice(0, -dotted[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`
  }
  const [head, tail] = text.includes("::") ? text.split("::") : [text, null]
  const parse = (part: string) => (part ? part.split(":").map((g) => parseInt(g, 16)) : [])
  const left = parse(head)
  const right = tail === null ? [] : parse(tail)
  const zeros = tail === null ? [] : new Array(8 - left.length - right.length).fill(0)
  return [...left, ...zeros, ...right]
}

function refusedV6(ip: string): boolean {
  const g = v6Groups(ip)
  const embeddedV4 = () => [g[6] >> 8, g[6] & 0xff, g[7] >> 8, g[7] & 0xff]
  const allZero = (from: number, to: number) => g.slice(from, to).every((x) => x === 0)
  if (allZero(0, 8)) return true // ::
  if (allZero(0, 7) && g[7] === 1) return true // ::1
  if (allZero(0, 5) && g[5] === 0xffff) return refusedV4(embeddedV4()) // ::ffff:a.b.c.d
  if (allZero(0, 6)) return refusedV4(embeddedV4()) // ::a.b.c.d (deprecated IPv4-compatible)
  if (g[0] === 0x64 && g[1] === 0xff9b && allZero(2, 6)) return refusedV4(embeddedV4()) // NAT64
  if ((g[0] & 0xfe00) === 0xfc00) return true // fc00::/7 unique local
  if ((g[0] & 0xffc0) === 0xfe80) return true // fe80::/10 link-local
  if ((g[0] & 0xffc0) === 0xfec0) return true // fec0::/10 site-local (deprecated)
  if ((g[0] & 0xff00) === 0xff00) return true // multicast
  if (g[0] === 0x2001 && g[1] === 0x0db8) return true // documentation
  if (g[0] === 0x0100 && allZero(1, 4)) return true // discard-only 100::/64
  return false
}

export type WebhookUrlCheck = { ok: true; url: URL } | { ok: false; reason: string }

/** The URL's syntax: http(s) only, no credentials in it. */
export function checkWebhookUrl(raw: string): WebhookUrlCheck {
  let url: URL
  try {
    url = new URL(raw)
  } catch {
    return { ok: false, reason: "not a valid URL" }
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return { ok: false, reason: "only http and https URLs" }
  if (url.username || url.password) return { ok: false, reason: "credentials in the URL are not allowed" }
  return { ok: true, url }
}

/** The host to resolve: brackets removed from an IPv6 literal. */
export function hostOf(url: URL): string {
  return url.hostname.replace(/^\[(.*)\]$/, "$1")
}
