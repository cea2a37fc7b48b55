import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys, Modules, generateJwtToken } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow,
  createOrderWorkflow,
  createProductsWorkflow,
  createSalesChannelsWorkflow,
  linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import { randomUUID } from "crypto"
import path from "path"

export const TEST_APP_DIR = path.join(__dirname, "app")
export const JWT_SECRET = "test-jwt-secret"

/** A publishable key, as a storefront would have. */
export async function createPublishableKey(container: MedusaContainer): Promise<string> {
  const { result } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Storefront", type: "publishable", created_by: "test" }] },
  })
  return result[0].token
}

/** An admin user and the bearer header the admin dashboard would send. */
export async function createAdminHeaders(container: MedusaContainer) {
  const userModule = container.resolve(Modules.USER)
  const authModule = container.resolve(Modules.AUTH)
  const user = await userModule.createUsers({ email: `admin-${randomUUID()}@example.com` })
  const identity = await authModule.createAuthIdentities({
    provider_identities: [{ provider: "emailpass", entity_id: user.email }],
    app_metadata: { user_id: user.id },
  })
  const token = generateJwtToken(
    { actor_id: user.id, actor_type: "user", auth_identity_id: identity.id, app_metadata: { user_id: user.id } },
    { secret: JWT_SECRET, expiresIn: "1d" }
  )
  return { headers: { authorization: `Bearer ${token}` } }
}

export type AdminHeaders = { headers: Record<string, string> }

/** A storefront's publishable key and an admin's headers: what most specs start from. */
export async function storeAndAdmin(container: MedusaContainer): Promise<{ pk: string; admin: AdminHeaders }> {
  return { pk: await createPublishableKey(container), admin: await createAdminHeaders(container) }
}

type Api = {
  post: (url: string, body?: unknown, config?: unknown) => Promise<any>
  get: (url: string, config?: unknown) => Promise<any>
}

/** Registers a shopper through the real auth and store routes; returns their token. */
export async function registerCustomer(api: Api, publishableKey: string, email: string, password = "secret-password") {
  const pk = { "x-publishable-api-key": publishableKey }
  const registration = await api.post("/auth/customer/emailpass/register", { email, password })
  const customer = await api.post(
    "/store/customers",
    { email, first_name: "Ada", last_name: "Lovelace" },
    { headers: { ...pk, authorization: `Bearer ${registration.data.token}` } }
  )
  const login = await api.post("/auth/customer/emailpass", { email, password })
  return { customer: customer.data.customer, token: login.data.token as string }
}

export function storeHeaders(publishableKey: string, token?: string, extra: Record<string, string> = {}) {
  return {
    headers: {
      "x-publishable-api-key": publishableKey,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...extra,
    },
  }
}

/** Polls until `check` returns a truthy value (subscribers run asynchronously). */
export async function waitFor<T>(check: () => Promise<T | undefined | null | false>, timeoutMs = 15000): Promise<T> {
  const started = Date.now()
  let last: unknown
  for (;;) {
    try {
      const value = await check()
      if (value) return value as T
    } catch (e) {
      last = e
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`waitFor timed out after ${timeoutMs} ms${last ? `: ${String(last)}` : ""}`)
    }
    await new Promise((r) => setTimeout(r, 100))
  }
}

/** Runs SQL against the suite's database through the app's connection. */
export async function sql<T = any>(container: MedusaContainer, text: string, params: unknown[] = []): Promise<T[]> {
  const pg = container.resolve(ContainerRegistrationKeys.PG_CONNECTION) as any
  const result = await pg.raw(text, params)
  return result.rows
}

/** The contact a visitor (anonymous id) belongs to, read from the database. */
export async function contactOfAnonymousId(container: MedusaContainer, anon: string): Promise<any> {
  const rows = await sql(
    container,
    `SELECT c.* FROM marketing_visitor v JOIN marketing_contact c ON c.id = v.contact_id WHERE v.anonymous_id = ?`,
    [anon]
  )
  return rows[0]
}

export function anonymousId(): string {
  return `anon-${randomUUID()}`
}

/** A header of a raw email, unfolded (mailparser decodes some headers; tests check the exact bytes). */
export function rawHeader(raw: Buffer, name: string): string | undefined {
  const head = raw.toString("utf8").split("\r\n\r\n")[0].replace(/\r\n[ \t]+/g, " ")
  const line = head.split("\r\n").find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`))
  return line?.slice(name.length + 1).trim()
}

/** A region and a product to order, created once per store (test). */
export async function orderCatalog(container: MedusaContainer) {
  const suffix = randomUUID().slice(0, 8)
  const region = await container.resolve(Modules.REGION).createRegions({ name: `Europe ${suffix}`, currency_code: "eur" })
  const [product] = await container.resolve(Modules.PRODUCT).createProducts([
    { title: "Runner", status: "published", handle: `runner-${suffix}`, options: [{ title: "Size", values: ["42"] }],
      variants: [{ title: "42", options: { Size: "42" }, manage_inventory: false }] },
  ])
  return { region_id: region.id, product_id: product.id, variant_id: product.variants[0].id }
}

/**
 * Places an order through Medusa's order workflow, dated `at` (the order's
 * created_at, which the marketing event takes as its time), emits
 * `order.placed` as checkout does, and waits until the plugin has recorded it.
 */
export async function placeOrder(
  container: MedusaContainer,
  catalog: Awaited<ReturnType<typeof orderCatalog>>,
  order: { customer_id: string; email: string; unit_price: number; at?: Date }
): Promise<{ id: string }> {
  const { result } = await createOrderWorkflow(container).run({
    input: {
      region_id: catalog.region_id,
      customer_id: order.customer_id,
      email: order.email,
      currency_code: "eur",
      items: [{ title: "Runner", product_id: catalog.product_id, variant_id: catalog.variant_id, quantity: 1, unit_price: order.unit_price }],
    } as any,
  })
  if (order.at) await sql(container, `UPDATE "order" SET created_at = ? WHERE id = ?`, [order.at.toISOString(), result.id])
  await container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: result.id } })
  await waitFor(async () =>
    (await sql(container, `SELECT id FROM marketing_event WHERE type = 'order_placed' AND properties->>'order_id' = ?`, [result.id]))[0]
  )
  return { id: result.id }
}

/**
 * A shop a storefront can buy from: a publishable key on a sales channel, a
 * euro region (France) and one published product (one size at `price` EUR,
 * no inventory management), so store carts and promotion codes work.
 */
export async function createShopFixture(
  container: MedusaContainer,
  { title = "Runner", price = 60 }: { title?: string; price?: number } = {}
): Promise<{ pk: string; regionId: string; productId: string; variantId: string }> {
  const { result: keys } = await createApiKeysWorkflow(container).run({
    input: { api_keys: [{ title: "Storefront", type: "publishable", created_by: "test" }] },
  })
  const { result: channels } = await createSalesChannelsWorkflow(container).run({
    input: { salesChannelsData: [{ name: "Web shop" }] },
  })
  await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [channels[0].id] } })
  const region = await container.resolve(Modules.REGION).createRegions({ name: "Europe", currency_code: "eur", countries: ["fr"] })
  const { result: products } = await createProductsWorkflow(container).run({
    input: {
      products: [
        {
          title,
          status: "published",
          options: [{ title: "Size", values: ["42"] }],
          variants: [{ title: "42", options: { Size: "42" }, manage_inventory: false, prices: [{ amount: price, currency_code: "eur" }] }],
          sales_channels: [{ id: channels[0].id }],
        },
      ],
    },
  })
  return { pk: keys[0].token, regionId: region.id, productId: products[0].id, variantId: products[0].variants[0].id }
}

/**
 * Runs one of the app's workflows by name through the app's own workflow
 * engine (importing a workflow from src would load a second framework).
 */
export async function runWorkflow(container: MedusaContainer, workflow: string, input: unknown): Promise<any> {
  const { result } = await container.resolve(Modules.WORKFLOW_ENGINE).run(workflow, { input, throwOnError: true })
  return result
}
