import { createHash } from "crypto"
import type { PreparedEvent } from "./types"

/** Medusa events the plugin records, and the event type each becomes. */
export const MEDUSA_EVENT_TYPES = {
  "customer.created": "customer_created",
  "customer.updated": "customer_updated",
  "cart.created": "cart_created",
  "cart.updated": "cart_updated",
  "cart.customer_updated": "cart_updated",
  "cart.customer_transferred": "cart_updated",
  "order.placed": "order_placed",
  "order.canceled": "order_canceled",
} as const

export type MedusaEventName = keyof typeof MEDUSA_EVENT_TYPES

type Money = number | string | { numeric?: number; value?: string } | null | undefined

/** Medusa returns amounts as numbers, strings or BigNumber objects. */
export function toAmount(value: Money): number {
  if (value === null || value === undefined) return 0
  if (typeof value === "number") return value
  if (typeof value === "string") return Number(value) || 0
  if (typeof value.numeric === "number") return value.numeric
  return Number(value.value) || 0
}

type LineItem = {
  product_id?: string | null
  variant_id?: string | null
  title?: string | null
  product_title?: string | null
  quantity?: Money
  unit_price?: Money
}

function mapItems(items: LineItem[] | null | undefined) {
  return (items ?? []).map((item) => ({
    product_id: item.product_id ?? null,
    variant_id: item.variant_id ?? null,
    title: item.product_title ?? item.title ?? null,
    quantity: toAmount(item.quantity),
    unit_price: toAmount(item.unit_price),
  }))
}

/** When the record says it happened, but never later than we heard of it. */
function notAfter(when: string | Date | null | undefined, received_at: string): string {
  if (!when) return received_at
  const iso = new Date(when).toISOString()
  return iso <= received_at ? iso : received_at
}

/** Whether a cart's or order's customer has an account; undefined when Medusa did not say. */
function hasAccount(customerId: string | null | undefined, customer: { has_account?: boolean | null } | null | undefined) {
  return customerId && typeof customer?.has_account === "boolean" ? customer.has_account : undefined
}

function base(name: MedusaEventName, received_at: string, occurred_at: string) {
  return {
    type: MEDUSA_EVENT_TYPES[name],
    anonymous_id: null,
    occurred_at,
    received_at,
    session_id: null,
    source: "medusa" as const,
  }
}

export function buildCustomerEvent(
  name: MedusaEventName,
  customer: {
    id: string
    email?: string | null
    first_name?: string | null
    last_name?: string | null
    phone?: string | null
    has_account?: boolean
    created_at?: string | Date
    updated_at?: string | Date
  },
  received_at: string
): PreparedEvent {
  const version = customer.updated_at ? new Date(customer.updated_at).toISOString() : received_at
  const when = name === "customer.created" ? customer.created_at : customer.updated_at
  return {
    ...base(name, received_at, notAfter(when, received_at)),
    customer_id: customer.id,
    customer_has_account: !!customer.has_account,
    properties: { customer_id: customer.id, has_account: !!customer.has_account },
    idempotency_key: `${name}:${customer.id}:${name === "customer.created" ? "" : version}`,
    profile: {
      email: customer.email ?? undefined,
      first_name: customer.first_name ?? undefined,
      last_name: customer.last_name ?? undefined,
      phone: customer.phone ?? undefined,
    },
  }
}

export function buildCartEvent(
  name: MedusaEventName,
  cart: {
    id: string
    email?: string | null
    customer_id?: string | null
    customer?: { has_account?: boolean | null } | null
    currency_code?: string
    total?: Money
    items?: LineItem[]
  },
  received_at: string
): PreparedEvent {
  const items = mapItems(cart.items)
  const properties = {
    cart_id: cart.id,
    total: toAmount(cart.total),
    currency_code: cart.currency_code ?? null,
    item_count: items.reduce((sum, i) => sum + i.quantity, 0),
    items,
  }
  // A cart's updated_at does not move when items change (medusajs/medusa#15043),
  // so the key is the cart's content: a redelivered event writes nothing,
  // a real change is recorded.
  const digest = createHash("sha1")
    .update(JSON.stringify([cart.customer_id ?? null, cart.email ?? null, properties]))
    .digest("hex")
    .slice(0, 16)
  return {
    ...base(name, received_at, received_at),
    customer_id: cart.customer_id ?? null,
    customer_has_account: hasAccount(cart.customer_id, cart.customer),
    cart_id: cart.id,
    properties,
    idempotency_key: `${name === "cart.created" ? name : "cart.updated"}:${cart.id}:${digest}`,
    profile: { cart_id: cart.id, email: cart.email ?? undefined },
  }
}

export function buildOrderEvent(
  name: MedusaEventName,
  order: {
    id: string
    display_id?: number
    email?: string | null
    customer_id?: string | null
    customer?: { has_account?: boolean | null } | null
    /** The cart the order was placed from (Medusa's order–cart link). */
    cart?: { id: string } | null
    currency_code?: string
    total?: Money
    created_at?: string | Date
    canceled_at?: string | Date | null
    shipping_address?: { country_code?: string | null; city?: string | null } | null
    items?: LineItem[]
  },
  products: { id: string; categories?: { id: string; name?: string }[] }[],
  received_at: string
): PreparedEvent {
  const items = mapItems(order.items)
  const categories = new Map<string, string | undefined>()
  for (const product of products) {
    for (const category of product.categories ?? []) categories.set(category.id, category.name)
  }
  const when = name === "order.canceled" ? order.canceled_at : order.created_at
  return {
    ...base(name, received_at, notAfter(when, received_at)),
    customer_id: order.customer_id ?? null,
    customer_has_account: hasAccount(order.customer_id, order.customer),
    cart_id: order.cart?.id ?? null,
    properties: {
      order_id: order.id,
      display_id: order.display_id ?? null,
      total: toAmount(order.total),
      currency_code: order.currency_code ?? null,
      item_count: items.reduce((sum, i) => sum + i.quantity, 0),
      items,
      product_ids: [...new Set(items.map((i) => i.product_id).filter(Boolean))],
      category_ids: [...categories.keys()],
      category_names: [...categories.values()].filter(Boolean),
    },
    idempotency_key: `${name}:${order.id}`,
    profile: {
      email: order.email ?? undefined,
      country_code: order.shipping_address?.country_code ?? undefined,
      city: order.shipping_address?.city ?? undefined,
    },
  }
}
