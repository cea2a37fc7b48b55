/**
 * Opens and clicks that are likely machines, not people: mailbox providers
 * fetch images through proxies (Gmail's image proxy, Yahoo's, Apple Mail
 * Privacy Protection prefetches every image right after delivery), and
 * corporate security scanners follow every link as soon as a message arrives.
 * Such hits are stored (flagged), but scoring and segments do not count them
 * as engagement.
 */
export type EngagementHit = { userAgent?: string | null; sentAt: Date | string | null; at: Date | string }

export type Classification = { machine: boolean; reason: string | null }

/** Proxies that fetch images for the reader (or for nobody). */
const OPEN_PROXIES: [RegExp, string][] = [
  [/GoogleImageProxy|ggpht\.com/i, "Gmail image proxy"],
  [/YahooMailProxy/i, "Yahoo image proxy"],
  [/Yahoo! Slurp/i, "Yahoo crawler"],
  [/Outlook-iOS|ms-office.*Prefetch/i, "Outlook prefetch"],
]

/** Link scanners of mail security gateways. */
const LINK_SCANNERS: [RegExp, string][] = [
  [/Barracuda/i, "Barracuda scanner"],
  [/Mimecast/i, "Mimecast scanner"],
  [/Proofpoint|pphosted/i, "Proofpoint scanner"],
  [/Symantec|MessageLabs/i, "Symantec scanner"],
  [/Trend ?Micro/i, "Trend Micro scanner"],
  [/SafeLinks|Microsoft Defender/i, "Microsoft Safe Links"],
  [/(bot|crawler|spider|scanner|preview)\b/i, "automated agent"],
  [/^(curl|wget|python-requests|Go-http-client|okhttp|Java)\//i, "HTTP library"],
]

/** An open this soon after sending is a prefetch (Apple Mail Privacy Protection opens within seconds). */
export const MACHINE_OPEN_SECONDS = 2
/** A click this soon after sending is a scanner: nobody reads and clicks that fast. */
export const MACHINE_CLICK_SECONDS = 5

const seconds = (from: Date | string | null, to: Date | string) =>
  from ? (new Date(to).getTime() - new Date(from).getTime()) / 1000 : Infinity

function classify(hit: EngagementHit, agents: [RegExp, string][], threshold: number, label: string): Classification {
  const ua = hit.userAgent ?? ""
  if (!ua.trim()) return { machine: true, reason: "no user agent" }
  for (const [pattern, name] of agents) if (pattern.test(ua)) return { machine: true, reason: name }
  const after = seconds(hit.sentAt, hit.at)
  if (after < threshold) return { machine: true, reason: `${label} ${Math.max(0, after).toFixed(1)} s after sending` }
  return { machine: false, reason: null }
}

export function classifyOpen(hit: EngagementHit): Classification {
  return classify(hit, OPEN_PROXIES, MACHINE_OPEN_SECONDS, "opened")
}

export function classifyClick(hit: EngagementHit): Classification {
  return classify(hit, LINK_SCANNERS, MACHINE_CLICK_SECONDS, "clicked")
}
