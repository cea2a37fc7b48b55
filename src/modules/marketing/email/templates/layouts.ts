/**
 * The shared layouts (HTML, MJML and plain text, in a marketing and an internal variant) and the partials.
 * Layouts are Handlebars sources holding a `{{{body}}}` marker on a line of its own; the body's source is
 * put in its place before compiling, so a layout and a body compile (and cache) as one template.
 * Partials are HTML that works in both flavours (in MJML, use them inside mj-text or mj-raw); each has a
 * plain-text twin of the same name used when rendering the text body.
 */
import type { TemplateLayout } from "./types"

export const BODY_MARKER = "{{{body}}}"

const FONT = "Helvetica,Arial,sans-serif"

const HEADER = `{{#if store.logo_url}}<a href="{{safe_url store.url}}" target="_blank"><img src="{{safe_url store.logo_url}}" alt="{{store.name}}" height="40" style="height:40px;border:0;display:inline-block;"></a>{{else}}<a href="{{safe_url store.url}}" target="_blank" style="font-family:${FONT};font-size:22px;font-weight:bold;color:{{store.primary_color}};text-decoration:none;">{{store.name}}</a>{{/if}}`

const FOOTER_ADDRESS = `{{store.name}}{{#if store.address}} · {{store.address}}{{/if}}`

const MARKETING_FOOTER = `${FOOTER_ADDRESS}<br>You receive this email because you subscribed to news from {{store.name}}.<br><a href="{{safe_url unsubscribe_url}}" data-link="unsubscribe" style="color:#6b7280;">Unsubscribe</a> · <a href="{{safe_url preferences_url}}" data-link="preferences" style="color:#6b7280;">Email preferences</a>`

const INTERNAL_FOOTER = `Internal notification from the {{store.name}} marketing automation.`

function htmlLayout(footer: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="x-apple-disable-message-reformatting">
<title>{{store.name}}</title>
</head>
<body style="margin:0;padding:0;background:#f4f4f5;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="background:#f4f4f5;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:600px;background:#ffffff;border-radius:8px;">
<tr><td align="center" style="padding:24px;border-bottom:3px solid {{store.primary_color}};">${HEADER}</td></tr>
<tr><td style="padding:24px;font-family:${FONT};font-size:15px;line-height:1.5;color:#1f2937;">
${BODY_MARKER}
</td></tr>
</table>
<p style="max-width:600px;margin:16px auto 0;font-family:${FONT};font-size:12px;line-height:1.6;color:#6b7280;text-align:center;">${footer}</p>
</td></tr></table>
</body>
</html>
`
}

function mjmlLayout(footer: string): string {
  return `<mjml>
<mj-head>
<mj-title>{{store.name}}</mj-title>
<mj-attributes>
<mj-all font-family="${FONT}" />
<mj-text font-size="15px" line-height="1.5" color="#1f2937" />
<mj-section background-color="#ffffff" />
</mj-attributes>
</mj-head>
<mj-body background-color="#f4f4f5" width="600px">
<mj-section padding="24px 0 0"><mj-column><mj-raw><div style="text-align:center;padding:12px 0 20px;border-bottom:3px solid {{store.primary_color}};">${HEADER}</div></mj-raw></mj-column></mj-section>
${BODY_MARKER}
<mj-section background-color="#f4f4f5" padding="16px 0 24px"><mj-column><mj-text align="center" font-size="12px" line-height="1.6" color="#6b7280">${footer}</mj-text></mj-column></mj-section>
</mj-body>
</mjml>
`
}

const TEXT_MARKETING = `${BODY_MARKER}

--
{{store.name}}{{#if store.address}}, {{store.address}}{{/if}}
Unsubscribe: {{unsubscribe_url}}
Email preferences: {{preferences_url}}
`

const TEXT_INTERNAL = `${BODY_MARKER}

--
${INTERNAL_FOOTER}
`

export const LAYOUTS: Record<Exclude<TemplateLayout, "none">, { html: string; mjml: string; text: string }> = {
  marketing: { html: htmlLayout(MARKETING_FOOTER), mjml: mjmlLayout(MARKETING_FOOTER), text: TEXT_MARKETING },
  internal: { html: htmlLayout(INTERNAL_FOOTER), mjml: mjmlLayout(INTERNAL_FOOTER), text: TEXT_INTERNAL },
}

/** Where a body starts inside a layout: lines before the marker (the marker starts a line). */
export function bodyLineOffset(layout: string): number {
  const index = layout.indexOf(BODY_MARKER)
  return layout.slice(0, index).split("\n").length - 1
}

/** Puts a body's source in a layout's place for it. */
export function applyLayout(layout: string, body: string): string {
  const index = layout.indexOf(BODY_MARKER)
  return layout.slice(0, index) + body + layout.slice(index + BODY_MARKER.length)
}

function lineItems(currency: string): string {
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;font-family:${FONT};font-size:14px;color:#1f2937;">{{#each this}}<tr><td width="72" style="padding:8px 12px 8px 0;border-bottom:1px solid #e5e7eb;vertical-align:top;">{{#if thumbnail}}<img src="{{safe_url thumbnail}}" alt="{{title}}" width="64" style="width:64px;height:auto;border:0;border-radius:4px;display:block;">{{/if}}</td><td style="padding:8px 0;border-bottom:1px solid #e5e7eb;vertical-align:top;">{{#if url}}<a href="{{safe_url url}}" style="color:#1f2937;font-weight:bold;text-decoration:none;">{{title}}</a>{{else}}<strong>{{title}}</strong>{{/if}}{{#if variant}}<br><span style="color:#6b7280;">{{variant}}</span>{{/if}}<br><span style="color:#6b7280;">{{quantity}} × {{money unit_price ${currency}}}</span></td><td align="right" style="padding:8px 0;border-bottom:1px solid #e5e7eb;vertical-align:top;white-space:nowrap;">{{money total ${currency}}}</td></tr>{{/each}}</table>`
}

function textLineItems(currency: string): string {
  return `{{#each this}}- {{quantity}} × {{title}}{{#if variant}} ({{variant}}){{/if}}: {{money total ${currency}}}
{{/each}}`
}

export const HTML_PARTIALS: Record<string, string> = {
  /** {{> button url=cart.recovery_url label="Back to your cart"}} */
  button: `<table role="presentation" border="0" cellpadding="0" cellspacing="0" align="center" style="margin:16px auto;border-collapse:separate;"><tr><td align="center" bgcolor="{{@root.store.primary_color}}" style="border-radius:6px;background:{{@root.store.primary_color}};"><a href="{{safe_url url}}" target="_blank" style="display:inline-block;padding:12px 24px;font-family:${FONT};font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;border-radius:6px;">{{label}}</a></td></tr></table>`,
  /** {{> product_grid products}}: up to three cards a row, stacking on small screens. */
  product_grid: `<div style="text-align:center;font-size:0;">{{#each this}}<div style="display:inline-block;vertical-align:top;width:100%;max-width:176px;margin:0 4px 16px;font-family:${FONT};font-size:14px;text-align:center;"><a href="{{safe_url (default url (product_url this))}}" target="_blank" style="color:#1f2937;text-decoration:none;">{{#if thumbnail}}<img src="{{safe_url thumbnail}}" alt="{{title}}" width="160" style="width:160px;max-width:100%;height:auto;border:0;border-radius:4px;display:block;margin:0 auto 8px;">{{/if}}<strong>{{title}}</strong>{{#if price}}<br><span style="color:#6b7280;">{{money price currency_code}}</span>{{/if}}</a></div>{{/each}}</div>`,
  /** {{> cart_items cart.items}}: amounts in the cart's currency. */
  cart_items: lineItems("@root.cart.currency_code"),
  /** {{> order_items order.items}}: amounts in the order's currency. */
  order_items: lineItems("@root.order.currency_code"),
}

export const TEXT_PARTIALS: Record<string, string> = {
  button: `{{label}}: {{safe_url url}}`,
  product_grid: `{{#each this}}- {{title}}{{#if price}} ({{money price currency_code}}){{/if}}: {{safe_url (default url (product_url this))}}
{{/each}}`,
  cart_items: textLineItems("@root.cart.currency_code"),
  order_items: textLineItems("@root.order.currency_code"),
}

export const KNOWN_PARTIALS = new Set(Object.keys(HTML_PARTIALS))
