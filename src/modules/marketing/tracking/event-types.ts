/**
 * The event types a storefront may send, in a file of their own with no
 * Medusa import: options, validators, scoring rules and the flow builder
 * (through flow validation) all read them.
 */

/** Event types the storefront may send. `custom:<name>` is allowed too. */
export const STOREFRONT_EVENT_TYPES = [
  "product_viewed",
  "category_viewed",
  "page_viewed",
  "search_performed",
  "product_added_to_cart",
  "checkout_started",
  "identify",
  /** A booked sales call or showroom visit: credited to the message that led to it, like an order. */
  "appointment_booked",
  /** Engaged time on one page (`properties.engaged_ms`), sent by the tracker with the page's next event or its page-hide beacon. */
  "page_engaged",
] as const

export const CUSTOM_EVENT_PATTERN = /^custom:[a-z0-9][a-z0-9_.-]{0,63}$/
