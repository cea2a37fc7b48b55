/**
 * Email templates: the pure rendering core (no Medusa imports). Handlebars bodies, optionally written in
 * MJML and compiled to responsive HTML once (cached by source hash); a shared layout with the store's
 * branding and the unsubscribe and preferences footer; partials (button, product_grid, cart_items,
 * order_items); helpers (money, date, product_url, default, safe_url, eq, ...); validation with line and
 * column at save time; no prototype access at render time; link rewriting and the open pixel for tracking;
 * and the starter templates. Entry points: validateTemplate, renderTemplate, renderPreview.
 */
export * from "./types"
export { SAMPLE_CONTEXT, TEMPLATE_VARIABLES, prepareContext, toPlainContext } from "./context"
export { predictionVariables } from "./prediction-variables"
export { formatMoney, formatDate, productUrl, defaultValue, safeUrl, DATE_FORMAT_NAMES, KNOWN_HELPERS } from "./helpers"
export { KNOWN_PARTIALS, LAYOUTS } from "./layouts"
export {
  validateTemplate,
  compileTemplate,
  renderTemplate,
  renderPreview,
  compileMjml,
  htmlToText,
  templateCacheStats,
  clearTemplateCache,
  TemplateValidationError,
  RUNTIME_OPTIONS,
} from "./render"
export type { CompiledTemplate } from "./render"
export { rewriteLinks, addOpenPixel } from "./links"
export type { RewriteLinksOptions } from "./links"
export { STARTER_TEMPLATES } from "./starters"
export type { StarterTemplate } from "./starters"
export { SYSTEM_TEMPLATES } from "./system"
export type { SystemTemplateKey } from "./system"
