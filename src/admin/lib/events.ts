import { formatAmount, formatEngaged, humanize } from "./format"
import type { MarketingEvent } from "./types"

export type BadgeColor = "green" | "red" | "blue" | "orange" | "grey" | "purple"

const EVENT_TYPE_LABELS: Record<string, string> = {
  product_viewed: "Product viewed",
  category_viewed: "Category viewed",
  page_viewed: "Page viewed",
  search_performed: "Search",
  product_added_to_cart: "Added to cart",
  checkout_started: "Checkout started",
  appointment_booked: "Appointment booked",
  identify: "Identified",
  customer_created: "Customer created",
  customer_updated: "Customer updated",
  cart_created: "Cart created",
  cart_updated: "Cart updated",
  order_placed: "Order placed",
  order_canceled: "Order canceled",
  session_started: "Session started",
  page_engaged: "Time on page",
  form_submitted: "Signup form submitted",
}

const CUSTOM_PREFIX = "custom:"

/** The event types an owner can filter a timeline by. */
export const FILTERABLE_EVENT_TYPES = Object.keys(EVENT_TYPE_LABELS)

export const isCustomEventType = (type: string) =>
  type.startsWith(CUSTOM_PREFIX)

export const getEventTypeLabel = (type: string): string => {
  if (EVENT_TYPE_LABELS[type]) {
    return EVENT_TYPE_LABELS[type]
  }
  if (isCustomEventType(type)) {
    return humanize(type.slice(CUSTOM_PREFIX.length)) || "Custom"
  }
  return humanize(type)
}

export const getEventTypeColor = (type: string): BadgeColor => {
  switch (type) {
    case "order_placed":
    case "appointment_booked":
      return "green"
    case "order_canceled":
      return "red"
    case "product_added_to_cart":
    case "checkout_started":
    case "cart_created":
    case "cart_updated":
      return "orange"
    case "identify":
    case "customer_created":
    case "customer_updated":
      return "purple"
    case "product_viewed":
    case "category_viewed":
    case "page_viewed":
    case "search_performed":
      return "blue"
    default:
      return "grey"
  }
}

export type EventDetail = { label: string; value: string }

const str = (value: unknown): string | null => {
  if (typeof value === "string") {
    return value.trim() || null
  }
  if (typeof value === "number" && Number.isFinite(value)) {
    return String(value)
  }
  if (typeof value === "boolean") {
    return value ? "Yes" : "No"
  }
  return null
}

const first = (props: Record<string, unknown>, ...keys: string[]) => {
  for (const key of keys) {
    const value = str(props[key])
    if (value) {
      return value
    }
  }
  return null
}

const push = (
  details: EventDetail[],
  label: string,
  value: string | null | undefined
) => {
  if (value) {
    details.push({ label, value })
  }
}

/** A yes/no property, in words; nothing when the event does not say. */
const pushYesNo = (
  details: EventDetail[],
  label: string,
  value: unknown,
  [yes, no]: [string, string]
) => {
  if (typeof value === "boolean") {
    push(details, label, value ? yes : no)
  }
}

const itemsCount = (props: Record<string, unknown>) => {
  const explicit = props.item_count
  if (typeof explicit === "number" && Number.isFinite(explicit)) {
    return explicit
  }
  return Array.isArray(props.items) ? props.items.length : null
}

const itemTitles = (props: Record<string, unknown>, max = 3) => {
  if (!Array.isArray(props.items)) {
    return null
  }
  const titles = props.items
    .map((item) =>
      item && typeof item === "object"
        ? str((item as Record<string, unknown>).title) ??
          str((item as Record<string, unknown>).product_title)
        : null
    )
    .filter((title): title is string => !!title)
  if (!titles.length) {
    return null
  }
  const shown = titles.slice(0, max).join(", ")
  return titles.length > max ? `${shown} +${titles.length - max}` : shown
}

/** A cart's or an order's total, item count and first product titles. */
const pushBasket = (details: EventDetail[], props: Record<string, unknown>) => {
  push(details, "Total", formatAmount(props.total, props.currency_code))
  const count = itemsCount(props)
  if (count !== null) {
    push(details, "Items", String(count))
  }
  push(details, "Products", itemTitles(props))
}

/**
 * The few properties that say what happened, e.g. the product that was viewed,
 * the page path, or the order number and total. The full JSON stays one
 * click away in the timeline.
 */
export const getEventDetails = (event: MarketingEvent): EventDetail[] => {
  const props =
    event.properties && typeof event.properties === "object"
      ? event.properties
      : {}
  const details: EventDetail[] = []

  switch (event.type) {
    case "product_viewed":
    case "product_added_to_cart": {
      push(
        details,
        "Product",
        first(props, "product_title", "title", "product_handle", "product_id")
      )
      push(details, "Variant", first(props, "variant_title"))
      push(details, "Category", first(props, "category", "category_name"))
      if (event.type === "product_added_to_cart") {
        push(details, "Quantity", first(props, "quantity"))
      }
      push(
        details,
        "Price",
        formatAmount(props.price ?? props.unit_price, props.currency_code)
      )
      break
    }
    case "category_viewed": {
      push(
        details,
        "Category",
        first(
          props,
          "category_name",
          "name",
          "title",
          "category",
          "category_handle",
          "category_id"
        )
      )
      push(details, "Path", first(props, "path"))
      break
    }
    case "session_started": {
      push(details, "Landing page", first(props, "landing_page"))
      push(details, "Channel", first(props, "channel"))
      push(details, "Campaign", first(props, "utm_campaign"))
      break
    }
    case "form_submitted": {
      push(details, "Form", first(props, "form_name", "form_id"))
      push(details, "Variant", first(props, "variant"))
      break
    }
    case "page_engaged": {
      const ms = props.engaged_ms
      push(details, "Engaged", typeof ms === "number" ? formatEngaged(ms) : null)
      push(details, "Path", first(props, "path"))
      push(details, "Category", first(props, "category"))
      break
    }
    case "page_viewed": {
      push(details, "Path", first(props, "path", "url"))
      push(details, "Title", first(props, "title"))
      break
    }
    case "search_performed": {
      push(details, "Query", first(props, "query", "q", "term", "search"))
      push(details, "Results", first(props, "result_count", "results_count"))
      break
    }
    case "checkout_started":
    case "cart_created":
    case "cart_updated": {
      pushBasket(details, props)
      break
    }
    case "order_placed":
    case "order_canceled": {
      const displayId = first(props, "display_id")
      push(
        details,
        "Order",
        displayId ? `#${displayId}` : first(props, "order_id")
      )
      pushBasket(details, props)
      break
    }
    case "identify": {
      push(details, "Email", first(props, "email"))
      const name = [str(props.first_name), str(props.last_name)]
        .filter(Boolean)
        .join(" ")
      push(details, "Name", name || null)
      pushYesNo(details, "Email marketing", props.email_marketing_consent, [
        "Granted",
        "Denied",
      ])
      break
    }
    case "customer_created":
    case "customer_updated": {
      push(details, "Email", first(props, "email"))
      pushYesNo(details, "Account", props.has_account, ["Registered", "Guest"])
      break
    }
    default: {
      // Email engagement, custom events and types added later: show the
      // first few simple values as they are.
      for (const [key, value] of Object.entries(props)) {
        if (details.length >= 3) {
          break
        }
        push(details, humanize(key), str(value))
      }
    }
  }

  return details
}
