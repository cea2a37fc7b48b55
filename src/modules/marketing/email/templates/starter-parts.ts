/**
 * Building blocks of the starter templates (starters.ts, flow-starters.ts): MJML sections in the shared
 * layout's style, so every starter looks like the others.
 */
import type { EmailTemplate } from "./types"

export interface StarterTemplate extends EmailTemplate {
  key: string
  name: string
  description: string
}

export const hello = `{{default contact.first_name "there"}}`

export function section(content: string, padding = "8px 24px"): string {
  return `<mj-section padding="${padding}">
  <mj-column>
${content}
  </mj-column>
</mj-section>`
}

export const heading = (text: string) => `    <mj-text font-size="22px" font-weight="bold" line-height="1.3">${text}</mj-text>`
export const paragraph = (text: string) => `    <mj-text>${text}</mj-text>`
export const button = (href: string, label: string) =>
  `    <mj-button href="${href}" background-color="{{store.primary_color}}" color="#ffffff" font-size="15px" font-weight="bold" border-radius="6px" inner-padding="12px 24px">${label}</mj-button>`
// Partials go in an mj-text, not an mj-raw: inside a column, mj-raw's output sits between table rows,
// where browsers and mail clients move it above the table (before the heading that introduces it).
export const block = (html: string) => `    <mj-text padding="0 0 8px">${html}</mj-text>`

/** The code a flow's discount step made, else one a caller passed as `data.coupon_code`. */
export const CODE = `{{default discount.code data.coupon_code}}`
export const HAS_CODE = `(or discount.code data.coupon_code)`
export const EXPIRY = `{{#if discount.expires_at}}Valid until {{date discount.expires_at "long"}}.{{/if}}`

/** The code, large and centred, with its expiry; nothing at all when there is no code. */
export const codeBox = () =>
  `    <mj-text align="center">{{#if ${HAS_CODE}}}<span style="font-size:14px;color:#6b7280;">Your code</span><br /><span style="font-size:26px;font-weight:bold;letter-spacing:2px;color:{{store.primary_color}};">${CODE}</span><br /><span style="font-size:13px;color:#6b7280;">${EXPIRY}</span>{{/if}}</mj-text>`
