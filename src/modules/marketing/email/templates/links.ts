/**
 * Engagement tracking support for the sender: rewriting links to go through the click route, and the
 * open pixel. Pure string functions over rendered HTML.
 */
import { decodeEntities } from "./render"

/** `<a …>` start tags, with quoted attribute values that may contain ">". */
const ANCHOR = /<a(?=[\s>\/])(?:[^>"']|"[^"]*"|'[^']*')*>/gi
/** One attribute: name, then a double-quoted, single-quoted or bare value. */
const ATTRIBUTE = /([^\s"'>\/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g

const escapeAttribute = (value: string) => value.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;")

/** Links that must stay direct: marked by the layout, or opted out with data-no-track. */
function keepsDirect(attributes: Map<string, string | null>): boolean {
  const link = (attributes.get("data-link") ?? "").toLowerCase()
  return link === "unsubscribe" || link === "preferences" || attributes.has("data-no-track")
}

export interface RewriteLinksOptions {
  /** URLs that stay direct besides the ones the layout marks (e.g. the context's unsubscribe_url). */
  keep?: string[]
}

/**
 * Rewrites the href of every http(s) link through `rewrite` (return null to leave one alone). Left alone:
 * mailto:, tel:, anchors and relative links, links marked `data-link="unsubscribe"` or `"preferences"` (the
 * layout's footer) or `data-no-track`, and any URL in `options.keep`. The callback receives the decoded
 * URL (`&amp;` → `&`) and its 0-based index among the rewritten candidates; the new value is written back
 * escaped, double-quoted, in place, other attributes untouched.
 */
export function rewriteLinks(
  html: string,
  rewrite: (url: string, index: number) => string | null | undefined,
  options: RewriteLinksOptions = {}
): string {
  const keep = new Set((options.keep ?? []).filter(Boolean))
  let index = 0
  return html.replace(ANCHOR, (tag) => {
    const inner = tag.slice(2, tag.length - 1)
    const attributes = new Map<string, string | null>()
    let href: { start: number; end: number; value: string } | null = null
    let match: RegExpExecArray | null
    ATTRIBUTE.lastIndex = 0
    while ((match = ATTRIBUTE.exec(inner))) {
      const name = match[1].toLowerCase()
      const value = match[2] ?? match[3] ?? match[4] ?? null
      if (!attributes.has(name)) attributes.set(name, value)
      if (name === "href" && !href && value !== null) {
        href = { start: match.index, end: match.index + match[0].length, value }
      }
    }
    if (!href) return tag
    const url = decodeEntities(href.value).trim()
    if (!/^https?:\/\//i.test(url) || keepsDirect(attributes) || keep.has(url)) return tag
    const next = rewrite(url, index++)
    if (typeof next !== "string" || next === url) return tag
    return `${tag.slice(0, 2)}${inner.slice(0, href.start)}href="${escapeAttribute(next)}"${inner.slice(href.end)}>`
  })
}

/**
 * Adds a 1×1 open-tracking image before the last `</body>` (or at the end when there is none).
 */
export function addOpenPixel(html: string, pixelUrl: string): string {
  const pixel = `<img src="${escapeAttribute(pixelUrl)}" width="1" height="1" alt="" border="0" style="display:block;width:1px;height:1px;border:0;margin:0;padding:0;" />`
  const at = html.search(/<\/body\s*>(?![\s\S]*<\/body\s*>)/i)
  return at === -1 ? html + pixel : html.slice(0, at) + pixel + html.slice(at)
}
