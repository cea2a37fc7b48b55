import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../modules/marketing"
import type { DeliveryFactsRow, MessageRow } from "../../../modules/marketing/email/queue"
import type { ProductStrategy } from "../../../modules/marketing/email/products"
import type { EmailSettings } from "../../../modules/marketing/email/settings"
import type {
  RenderCart,
  RenderContext,
  RenderDiscount,
  RenderLineItem,
  RenderOrder,
  RenderProduct,
  RenderStore,
} from "../../../modules/marketing/email/templates"
import { SAMPLE_CONTEXT, predictionVariables } from "../../../modules/marketing/email/templates"
import type MarketingModuleService from "../../../modules/marketing/service"

/**
 * What a message renders with, stored on the message when it is queued.
 * Everything is an id or a choice; the data itself is read at send time.
 */
export type MessageContextInput = {
  /** Test sends: the sample contact, cart, order and products stand in for what is missing. */
  sample?: boolean
  /** Test sends: render with this contact's data, without sending to them. */
  as_contact_id?: string
  cart_id?: string
  order_id?: string
  products?: { ids?: string[]; strategy?: ProductStrategy; limit?: number }
  /** A code a flow's `create_discount` step made (the enrolment's `context.discount`): `{{discount.code}}`. */
  discount?: { code: string; expires_at?: string | null; promotion_id?: string }
  data?: Record<string, unknown>
}

const PRODUCT_FIELDS = ["id", "title", "handle", "thumbnail", "variants.prices.amount", "variants.prices.currency_code"]
const ITEM_FIELDS = [
  "items.title",
  "items.product_title",
  "items.variant_title",
  "items.quantity",
  "items.unit_price",
  "items.thumbnail",
  "items.product_handle",
]

const num = (value: unknown): number => {
  const n = Number((value as any)?.numeric ?? value)
  return Number.isFinite(n) ? n : 0
}

function lineItems(items: any[] | null | undefined, storeUrl: string): RenderLineItem[] {
  return (items ?? []).map((item) => ({
    title: item.product_title ?? item.title ?? "",
    variant: item.variant_title ?? null,
    quantity: num(item.quantity ?? item.detail?.quantity),
    unit_price: num(item.unit_price),
    total: num(item.unit_price) * num(item.quantity ?? item.detail?.quantity),
    thumbnail: item.thumbnail ?? null,
    url: item.product_handle ? `${storeUrl}/products/${encodeURIComponent(item.product_handle)}` : null,
  }))
}

/** Only what a template shows: the code and its expiry, never the promotion's id. */
function toDiscount(discount: MessageContextInput["discount"]): RenderDiscount | null {
  if (!discount || typeof discount.code !== "string" || !discount.code) return null
  return { code: discount.code, expires_at: typeof discount.expires_at === "string" ? discount.expires_at : null }
}

const total = (items: RenderLineItem[]) => Math.round(items.reduce((sum, item) => sum + item.total, 0) * 100) / 100

function toProduct(product: any, storeUrl: string, currency: string): RenderProduct {
  const prices = (product.variants ?? [])
    .flatMap((variant: any) => variant.prices ?? [])
    .filter((price: any) => price.currency_code === currency)
    .map((price: any) => num(price.amount))
  return {
    id: product.id,
    title: product.title,
    handle: product.handle,
    url: `${storeUrl}/products/${encodeURIComponent(product.handle ?? product.id)}`,
    thumbnail: product.thumbnail ?? null,
    price: prices.length ? Math.min(...prices) : null,
    currency_code: prices.length ? currency : null,
  }
}

/** The store's name and default currency, with the plugin's branding. */
export async function loadStore(container: MedusaContainer, settings: EmailSettings): Promise<RenderStore> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({
    entity: "store",
    fields: ["name", "supported_currencies.currency_code", "supported_currencies.is_default"],
  })
  const store = data[0] as any
  const currencies = (store?.supported_currencies ?? []) as { currency_code: string; is_default: boolean }[]
  return {
    name: store?.name ?? "",
    url: settings.storefrontUrl,
    currency_code: (currencies.find((c) => c.is_default) ?? currencies[0])?.currency_code ?? "usd",
    logo_url: settings.branding.logoUrl ?? null,
    primary_color: settings.branding.primaryColor ?? null,
    address: settings.branding.address ?? null,
  }
}

/**
 * Loads everything a batch of messages renders with: one Query call per kind
 * of data (customers, carts, orders, products) for the whole batch, not per
 * message. Returns each message's context without the links (the caller
 * signs those).
 */
export async function loadRenderContexts(
  container: MedusaContainer,
  messages: MessageRow[],
  contacts: Map<string, DeliveryFactsRow>,
  store: RenderStore,
  now: Date
): Promise<Map<string, Omit<RenderContext, "unsubscribe_url" | "preferences_url">>> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const marketing = container.resolve<MarketingModuleService>(MARKETING_MODULE)
  const inputs = new Map(messages.map((m) => [m.id, (m.context ?? {}) as MessageContextInput]))

  // Which products each message shows: given ids, or chosen by a strategy.
  const productIds = new Map<string, string[]>()
  for (const message of messages) {
    const spec = inputs.get(message.id)!.products
    if (!spec) continue
    const limit = Math.min(Math.max(spec.limit ?? 4, 1), 12)
    if (spec.ids?.length) {
      productIds.set(message.id, spec.ids.slice(0, 12))
    } else if (spec.strategy === "bestsellers_in_viewed_category") {
      const category = message.contact_id ? await marketing.mostViewedCategoryId(message.contact_id, now) : null
      let candidates: string[] | null = null
      if (category) {
        const { data } = await query.graph({
          entity: "product",
          fields: ["id"],
          filters: { categories: { id: category }, status: "published" } as any,
          pagination: { take: 200 },
        })
        candidates = data.map((p: any) => p.id)
      }
      productIds.set(
        message.id,
        await marketing.chooseProductIds({ strategy: "bestsellers", limit, candidates, contact_id: message.contact_id, now })
      )
    } else if (spec.strategy) {
      productIds.set(
        message.id,
        await marketing.chooseProductIds({ strategy: spec.strategy, limit, contact_id: message.contact_id, now })
      )
    }
  }

  const byId = async (entity: string, ids: string[], fields: string[]) => {
    const unique = [...new Set(ids.filter(Boolean))]
    if (!unique.length) return new Map<string, any>()
    const { data } = await query.graph({ entity, fields, filters: { id: unique } } as any)
    return new Map(data.map((row: any) => [row.id, row]))
  }
  const customerIds = [...contacts.values()].map((c) => c.customer_id).filter((id): id is string => !!id)
  const [customers, carts, orders, products] = await Promise.all([
    byId("customer", customerIds, ["id", "email", "first_name", "last_name", "phone"]),
    byId("cart", [...inputs.values()].map((i) => i.cart_id!).filter(Boolean), ["id", "currency_code", ...ITEM_FIELDS]),
    byId(
      "order",
      [...inputs.values()].map((i) => i.order_id!).filter(Boolean),
      // An order item's quantity lives on its detail; Query returns none without it.
      ["id", "display_id", "currency_code", "created_at", "items.detail.quantity", ...ITEM_FIELDS]
    ),
    byId("product", [...productIds.values()].flat(), PRODUCT_FIELDS),
  ])

  const contexts = new Map<string, Omit<RenderContext, "unsubscribe_url" | "preferences_url">>()
  for (const message of messages) {
    const input = inputs.get(message.id)!
    const contactId = message.contact_id ?? input.as_contact_id
    const contact = contactId ? contacts.get(contactId) : undefined
    const customer = contact?.customer_id ? customers.get(contact.customer_id) : undefined
    const cartRow = input.cart_id ? carts.get(input.cart_id) : undefined
    const orderRow = input.order_id ? orders.get(input.order_id) : undefined
    let cart: RenderCart | null = null
    if (cartRow) {
      const items = lineItems(cartRow.items, store.url)
      cart = {
        id: cartRow.id,
        items,
        total: total(items),
        currency_code: cartRow.currency_code,
        recovery_url: `${store.url}/cart/recover/${encodeURIComponent(cartRow.id)}`,
      }
    }
    let order: RenderOrder | null = null
    if (orderRow) {
      const items = lineItems(orderRow.items, store.url)
      order = {
        id: orderRow.id,
        display_id: orderRow.display_id,
        items,
        total: total(items),
        currency_code: orderRow.currency_code,
        created_at: new Date(orderRow.created_at).toISOString(),
      }
    }
    const sample = input.sample ? SAMPLE_CONTEXT : null
    const discount = toDiscount(input.discount)
    contexts.set(message.id, {
      ...(sample ? { cart: sample.cart, order: sample.order, products: sample.products, customer: sample.customer } : {}),
      contact:
        sample && !contact
          ? { ...sample.contact, email: message.email }
          : {
              id: contact?.id,
              email: message.email,
              first_name: contact?.first_name ?? customer?.first_name ?? null,
              last_name: contact?.last_name ?? customer?.last_name ?? null,
              phone: contact?.phone ?? customer?.phone ?? null,
              locale: contact?.locale ?? null,
              timezone: contact?.timezone ?? null,
              country_code: contact?.country_code ?? null,
              city: contact?.city ?? null,
              company: contact?.company ?? null,
              industry: contact?.industry ?? null,
              job_title: contact?.job_title ?? null,
              lifecycle_stage: contact?.lifecycle_stage ?? null,
              acquisition_score: contact?.acquisition_score ?? null,
              loyalty_score: contact?.loyalty_score ?? null,
              ...predictionVariables(contact?.predictions),
            },
      ...(customer || !sample ? { customer: customer ?? null } : {}),
      store,
      ...(cart || !sample ? { cart } : {}),
      ...(order || !sample ? { order } : {}),
      ...(productIds.has(message.id) || !sample
        ? {
            products: (productIds.get(message.id) ?? [])
              .map((id) => products.get(id))
              .filter(Boolean)
              .map((product) => toProduct(product, store.url, store.currency_code)),
          }
        : {}),
      discount: discount ?? sample?.discount ?? null,
      data: { ...(sample?.data ?? {}), ...(input.data ?? {}) },
    })
  }
  return contexts
}
