/**
 * Acquisition channels: where a visit came from, read from its UTM
 * parameters, its referrer and its landing page. Pure TS (no Medusa import):
 * the tracker's ingest, the re-classification after a mapping change, the
 * condition fields and the admin all use this file.
 *
 * Rules, first match wins:
 * 1. The owner's mappings (`ChannelMapping`: utm_source, utm_medium,
 *    utm_campaign or referrer_domain equals the value, case-insensitive; a
 *    referrer_domain value also matches its subdomains), in their order.
 * 2. UTM medium: cpc / ppc / paid / paidsearch / sem / paid_search / display /
 *    cpm / banner / paid_social / paidsocial / "paid *" are paid; paid on a
 *    social source (or a social medium word) is paid_social, else paid_search;
 *    email / e-mail / newsletter → email; affiliate / affiliates / partner →
 *    affiliate; social / social-network / social-media / sm → social;
 *    organic → organic_search on a search source, else social on a social
 *    source; referral → referral.
 * 3. A click id on the landing page: gclid / gbraid / wbraid / msclkid /
 *    dclid → paid_search; fbclid (Meta adds it to organic shares too) →
 *    social; ttclid / twclid / li_fat_id / epik / rdt_cid / ScCid → paid_social.
 * 4. UTM source alone (no known medium): a search engine → organic_search,
 *    a social network → social, email-ish sources (newsletter, email,
 *    mailchimp, klaviyo…) → email; any other source → referral (its site
 *    sent the visitor) unless it names no site at all → other.
 * 5. The referrer (only when no UTM said otherwise): the store's own host or
 *    any subdomain of it (or a parent domain of it) → direct (a
 *    self-referral); a search engine (google.*, bing, duckduckgo, yahoo,
 *    ecosia, baidu, yandex, …) → organic_search; a social network (facebook,
 *    l.facebook.com, m.facebook.com, instagram, t.co, twitter, x.com,
 *    linkedin, lnkd.in, pinterest, tiktok, reddit, youtube, …) → social;
 *    webmail hosts (mail.google.com, outlook.live.com, …) → email; any other
 *    site → referral.
 * 6. Nothing (no UTM, no outside referrer, no click id) → direct.
 * A medium present but unknown and nothing else decisive → other.
 */

export const CHANNELS = [
  "direct",
  "organic_search",
  "paid_search",
  "social",
  "paid_social",
  "email",
  "referral",
  "affiliate",
  "other",
] as const

export type Channel = (typeof CHANNELS)[number]

export const isChannel = (value: unknown): value is Channel =>
  typeof value === "string" && (CHANNELS as readonly string[]).includes(value)

/** An owner mapping (same shape as `ChannelMapping` in reports/settings.ts). */
export type ChannelRule = {
  field: "utm_source" | "utm_medium" | "utm_campaign" | "referrer_domain"
  value: string
  channel: string
}

export type Touch = {
  utm_source?: string | null
  utm_medium?: string | null
  utm_campaign?: string | null
  /** The referrer URL (or a bare host). */
  referrer?: string | null
  /** The landing page URL: its click ids count. */
  landing_page?: string | null
  /** The store's own host (e.g. the landing page's): referrers from it or its subdomains are self-referrals. */
  store_host?: string | null
}

/** Search engines by the labels of their host (google.de, www.bing.com, search.yahoo.co.jp…). */
const SEARCH_ENGINES = [
  "google", "bing", "duckduckgo", "yahoo", "ecosia", "baidu", "yandex", "startpage", "qwant",
  "brave", "naver", "seznam", "sogou", "aol", "kagi", "mojeek", "perplexity", "ask",
]
const SEARCH_HOSTS = ["ya.ru", "so.com", "ask.com", "search.brave.com"]
/** Social networks by a label of their host, plus their short-link hosts. */
const SOCIAL_NETWORKS = [
  "facebook", "fb", "instagram", "twitter", "x", "linkedin", "pinterest", "tiktok", "reddit", "youtube",
  "snapchat", "tumblr", "vk", "weibo", "threads", "mastodon", "quora", "discord", "telegram", "whatsapp",
  "messenger", "bsky", "bluesky", "line", "wechat", "xing", "meta", "ig", "yt",
]
const SOCIAL_HOSTS = ["t.co", "lnkd.in", "pin.it", "youtu.be", "fb.me", "bsky.app", "vm.tiktok.com"]
/** Webmail hosts: a click in an email read on the web. */
const WEBMAIL_HOSTS = ["mail.google.com", "outlook.live.com", "outlook.office.com", "outlook.office365.com", "mail.yahoo.com", "mail.proton.me", "webmail"]
const EMAIL_SOURCES = ["email", "e-mail", "newsletter", "mailchimp", "klaviyo", "sendgrid", "brevo", "sendinblue", "mailerlite", "hubspot", "marketing_automation", "medusa-marketing"]

const PAID_MEDIUMS = ["cpc", "ppc", "paid", "paidsearch", "paid_search", "paid-search", "sem", "cpm", "cpv", "cpa", "display", "banner", "paid_social", "paidsocial", "paid-social", "ads", "ad"]
const EMAIL_MEDIUMS = ["email", "e-mail", "e_mail", "mail", "newsletter"]
const AFFILIATE_MEDIUMS = ["affiliate", "affiliates", "partner", "partners"]
const SOCIAL_MEDIUMS = ["social", "social-network", "social-media", "social_media", "sm", "social_network"]

const PAID_SEARCH_CLICK_IDS = ["gclid", "gbraid", "wbraid", "msclkid", "dclid", "gclsrc"]
const PAID_SOCIAL_CLICK_IDS = ["ttclid", "twclid", "li_fat_id", "epik", "rdt_cid", "sccid"]

const norm = (value: string | null | undefined) => (value ?? "").trim().toLowerCase()

/** The host of a URL or bare host, lower case, without `www.` and port; undefined when none. */
export function hostOf(value: string | null | undefined): string | undefined {
  const text = norm(value)
  if (!text) return undefined
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `https://${text}`)
    const host = url.hostname.replace(/^www\./, "").replace(/\.$/, "")
    return host || undefined
  } catch {
    return undefined
  }
}

/** Whether `host` is `domain` or a subdomain of it. */
export const isHostOf = (host: string, domain: string) => host === domain || host.endsWith(`.${domain}`)

/** Whether two hosts are one site: equal, or one a subdomain of the other (shop.example.com and example.com). */
const sameSite = (a: string, b: string) => isHostOf(a, b) || isHostOf(b, a)

const labels = (host: string) => host.split(".")

/** A search engine's host: a label of it is a known engine's name (google.co.uk, search.yahoo.com, yandex.ru). */
export function isSearchHost(host: string): boolean {
  if (isWebmailHost(host)) return false
  if (SEARCH_HOSTS.some((h) => isHostOf(host, h))) return true
  // Every label but the TLD: google.co.uk, search.yahoo.com, duckduckgo.com.
  return labels(host).slice(0, -1).some((label) => SEARCH_ENGINES.includes(label) && label !== "ask")
}

export function isSocialHost(host: string): boolean {
  if (SOCIAL_HOSTS.some((h) => isHostOf(host, h))) return true
  const parts = labels(host)
  if (parts.length < 2) return false
  // x.com and fb.com: short names count only as the registered name itself.
  const name = parts[parts.length - 2]
  if (["x", "fb", "ig", "yt", "line", "meta"].includes(name)) return parts.length === 2 || parts.length === 3
  return parts.slice(0, -1).some((label) => SOCIAL_NETWORKS.includes(label) && label.length > 2)
}

export function isWebmailHost(host: string): boolean {
  return WEBMAIL_HOSTS.some((h) => (h.includes(".") ? isHostOf(host, h) : host.startsWith(`${h}.`)))
}

/** A UTM source read as a site or brand name (google, facebook, t.co, newsletter). */
const sourceIsSearch = (source: string) => SEARCH_ENGINES.includes(source) || (source.includes(".") && isSearchHost(hostOf(source) ?? ""))
const sourceIsSocial = (source: string) =>
  SOCIAL_NETWORKS.includes(source) || source === "ig" || (source.includes(".") && isSocialHost(hostOf(source) ?? ""))
const sourceIsEmail = (source: string) => EMAIL_SOURCES.includes(source)

function clickIdChannel(landingPage: string | null | undefined): Channel | undefined {
  const text = (landingPage ?? "").trim()
  if (!text || !text.includes("?")) return undefined
  let params: URLSearchParams
  try {
    params = new URL(text, "https://store.invalid").searchParams
  } catch {
    return undefined
  }
  const keys = [...params.keys()].map((k) => k.toLowerCase())
  if (keys.some((k) => PAID_SEARCH_CLICK_IDS.includes(k))) return "paid_search"
  if (keys.some((k) => PAID_SOCIAL_CLICK_IDS.includes(k))) return "paid_social"
  if (keys.includes("fbclid")) return "social"
  return undefined
}

function mappedChannel(touch: Touch, mappings: readonly ChannelRule[], referrerHost: string | undefined): Channel | undefined {
  for (const mapping of mappings) {
    if (!isChannel(mapping.channel)) continue
    const value = norm(mapping.value)
    if (!value) continue
    if (mapping.field === "referrer_domain") {
      const domain = hostOf(value)
      if (referrerHost && domain && isHostOf(referrerHost, domain)) return mapping.channel
    } else if (norm(touch[mapping.field]) === value) {
      return mapping.channel
    }
  }
  return undefined
}

/** A referrer's host when it is another site's (not the store's own host or its subdomains). */
export function outsideReferrerHost(referrer: string | null | undefined, storeHost: string | null | undefined): string | undefined {
  const host = hostOf(referrer)
  if (!host) return undefined
  const own = hostOf(storeHost)
  return own && sameSite(host, own) ? undefined : host
}

/** Whether a touch says where the visitor came from: UTM, an outside referrer or a click id. */
export function hasTouch(touch: Touch): boolean {
  return (
    !!(norm(touch.utm_source) || norm(touch.utm_medium) || norm(touch.utm_campaign)) ||
    !!outsideReferrerHost(touch.referrer, touch.store_host) ||
    !!clickIdChannel(touch.landing_page)
  )
}

/** The channel of one touch (see the rules at the top of this file). */
export function classifyChannel(touch: Touch, mappings: readonly ChannelRule[] = []): Channel {
  const source = norm(touch.utm_source)
  const medium = norm(touch.utm_medium)
  const referrerHost = outsideReferrerHost(touch.referrer, touch.store_host)

  const mapped = mappings.length ? mappedChannel(touch, mappings, referrerHost) : undefined
  if (mapped) return mapped

  const socialSource = !!source && sourceIsSocial(source)
  const searchSource = !!source && sourceIsSearch(source)
  if (medium) {
    const paid = PAID_MEDIUMS.includes(medium) || /^paid[\s_-]/.test(medium) || /(^|[\s_-])(cpc|ppc)$/.test(medium)
    if (paid) {
      return socialSource || /social/.test(medium) ? "paid_social" : "paid_search"
    }
    if (EMAIL_MEDIUMS.includes(medium)) return "email"
    if (AFFILIATE_MEDIUMS.includes(medium)) return "affiliate"
    if (SOCIAL_MEDIUMS.includes(medium)) return "social"
    if (medium === "organic") return searchSource ? "organic_search" : socialSource ? "social" : "organic_search"
    if (medium === "referral") return "referral"
  }
  const clicked = clickIdChannel(touch.landing_page)
  if (clicked) return clicked
  if (source) {
    if (searchSource) return "organic_search"
    if (socialSource) return "social"
    if (sourceIsEmail(source)) return "email"
    if (medium) return "other"
    return source.includes(".") ? "referral" : "other"
  }
  if (medium) return "other"
  if (referrerHost) {
    if (isWebmailHost(referrerHost)) return "email"
    if (isSearchHost(referrerHost)) return "organic_search"
    if (isSocialHost(referrerHost)) return "social"
    return "referral"
  }
  return "direct"
}
