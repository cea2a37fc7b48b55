/**
 * The nine recipes end to end on the real app, with the SMTP provider and a
 * real SMTP server: each installed through the recipes route and published,
 * its trigger happening as the store makes it happen (the storefront's
 * tracking route, Medusa's cart and order workflows, scoring rules, the
 * segments engine, the date-trigger workflow), the clock moved through every
 * wait (the runner's `now`, never a sleep), and the emails parsed. Then a
 * 30/70 random split over 2,000 contacts, and the score threshold, stage
 * changed and segment exited triggers.
 */
import { Modules } from "@medusajs/framework/utils"
import {
  createApiKeysWorkflow, createProductsWorkflow, createSalesChannelsWorkflow, linkSalesChannelsToApiKeyWorkflow,
} from "@medusajs/medusa/core-flows"
import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import path from "path"
import { createAdminHeaders, orderCatalog, placeOrder, registerCustomer, sql, storeHeaders, waitFor } from "../helpers"
import { useTestSmtpServer, type ReceivedMail } from "../smtp-server"

jest.setTimeout(400000)

const APP_DIR = path.join(__dirname, "../app-smtp")
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const CODE = /MA-[2-9A-Z]{12}/

const received = useTestSmtpServer()
const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))
const textOf = (m: ReceivedMail) => `${m.parsed.subject}\n${m.parsed.text ?? ""}\n${m.parsed.html || ""}`

beforeAll(() => {
  process.env.MMA_EMAIL_TEST_OPTIONS = JSON.stringify({ secret: "recipes-test-secret-0123456789", publicUrl: "https://api.shop.test" })
  // The clock here is the time of day the suite runs plus whole hours and days: quiet hours (covered by
  // the flows-engine spec) would hold some emails depending on when it runs. The frequency cap stays on.
  process.env.MMA_FLOWS_TEST_OPTIONS = JSON.stringify({ quietHours: null })
})
afterAll(() => {
  delete process.env.MMA_EMAIL_TEST_OPTIONS
  delete process.env.MMA_FLOWS_TEST_OPTIONS
})

medusaIntegrationTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let pk: string
    let regionId: string
    let variantId: string
    let n = 0

    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any
    // Workflows run through the app's own engine (importing them from src would load a second framework).
    const run = async (workflow: string, input: unknown): Promise<any> => {
      const { result } = await getContainer().resolve(Modules.WORKFLOW_ENGINE).run(workflow, { input, throwOnError: true })
      return result
    }
    const runDue = (at: number, limit?: number) => run("run-due-flows", { now: new Date(at).toISOString(), ...(limit ? { limit } : {}) })
    const enrollmentsOf = (flowId: string, contactId: string) =>
      db(`SELECT * FROM marketing_flow_enrollment WHERE flow_id = ? AND contact_id = ? ORDER BY entered_at, id`, [flowId, contactId])
    const stepRuns = (enrollmentId: string) =>
      db(`SELECT * FROM marketing_flow_step_run WHERE enrollment_id = ? ORDER BY started_at, created_at`, [enrollmentId])
    const stepsOf = async (enrollmentId: string) => (await stepRuns(enrollmentId)).map((r: any) => r.step_id)
    const tagsOf = async (contactId: string) => (await db(`SELECT tags FROM marketing_contact WHERE id = ?`, [contactId]))[0].tags ?? []
    const track = (anon: string, type: string, properties: Record<string, unknown> = {}) =>
      api.post("/store/marketing/events", { events: [{ type, anonymous_id: anon, properties }] }, storeHeaders(pk))
    /** The n-th email to an address, once it arrived. */
    const mail = (email: string, nth: number) => waitFor(async () => mailsTo(email)[nth])
    /** Gives time for a wrongly sent email to arrive, then counts. */
    const settled = async (email: string) => {
      await new Promise((r) => setTimeout(r, 500))
      return mailsTo(email).length
    }

    /** Installs a recipe through the recipes route and publishes it, as a store owner does. */
    async function install(key: string) {
      const draft = (await api.post(`/admin/marketing/flows/recipes/${key}/install`, {}, admin)).data.flow
      expect(draft).toMatchObject({ status: "draft", recipe_key: key })
      const flow = (await api.post(`/admin/marketing/flows/${draft.id}/publish`, {}, admin)).data.flow
      expect(flow.status).toBe("active")
      return flow as { id: string; definition: any }
    }

    /** A storefront visitor who subscribed (identify with marketing consent). */
    async function subscriber(firstName: string, extra: Record<string, unknown> = {}) {
      const email = `${firstName.toLowerCase()}-${++n}@example.com`
      const anon = `anon-recipes-${n}`
      await track(anon, "identify", { email, first_name: firstName, email_marketing_consent: true, ...extra })
      const [{ id }] = await db(`SELECT id FROM marketing_contact WHERE email = ? AND deleted_at IS NULL`, [email])
      return { id: id as string, email, anon }
    }

    /** A registered customer (first name Ada) with marketing consent given in the admin. */
    async function customer(name: string) {
      const email = `${name}-${++n}@example.com`
      const { customer, token } = await registerCustomer(api, pk, email)
      const contact = await waitFor(async () => (await db(`SELECT id FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`, [customer.id]))[0])
      await api.post(`/admin/marketing/contacts/${contact.id}/consent`, { status: "granted" }, admin)
      return { id: contact.id as string, email, token, customer_id: customer.id as string }
    }

    /** A storefront cart (one 60 EUR item, a quantity) and, when given, a code applied through Medusa's store API. */
    async function storeCart(token?: string, quantity = 1) {
      const { data } = await api.post("/store/carts", { region_id: regionId }, storeHeaders(pk, token))
      await api.post(`/store/carts/${data.cart.id}/line-items`, { variant_id: variantId, quantity }, storeHeaders(pk, token))
      return data.cart.id as string
    }
    async function applyCode(cartId: string, code: string, token?: string) {
      return (await api.post(`/store/carts/${cartId}/promotions`, { promo_codes: [code] }, storeHeaders(pk, token))).data.cart
    }

    beforeAll(async () => {
      const container = getContainer()
      admin = await createAdminHeaders(container)
      const { result: keys } = await createApiKeysWorkflow(container).run({
        input: { api_keys: [{ title: "Storefront", type: "publishable", created_by: "test" }] },
      })
      pk = keys[0].token
      const { result: channels } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "Web shop" }] } })
      await linkSalesChannelsToApiKeyWorkflow(container).run({ input: { id: keys[0].id, add: [channels[0].id] } })
      regionId = (await container.resolve(Modules.REGION).createRegions({ name: "Europe", currency_code: "eur", countries: ["fr"] })).id
      const { result: products } = await createProductsWorkflow(container).run({
        input: {
          products: [{
            title: "Trail Runner", status: "published", options: [{ title: "Size", values: ["42"] }],
            variants: [{ title: "42", options: { Size: "42" }, manage_inventory: false, prices: [{ amount: 60, currency_code: "eur" }] }],
            sales_channels: [{ id: channels[0].id }],
          }],
        },
      })
      variantId = products[0].variants[0].id
    })

    it("welcome series: subscribing sends the welcome, then 3 and 4 days later the next two", async () => {
      const flow = await install("welcome_series")
      const w = await subscriber("Wren")
      const first = await mail(w.email, 0)
      expect(first.parsed.subject).toMatch(/^Welcome to .+, Wren!$/)
      const [enrollment] = await enrollmentsOf(flow.id, w.id)
      expect(enrollment).toMatchObject({ status: "active", current_step_id: "welcome_2" })

      let clock = Date.now()
      await runDue((clock += 2 * DAY))
      expect(await settled(w.email)).toBe(1)
      await runDue((clock += DAY + MIN))
      expect((await mail(w.email, 1)).parsed.subject).toBe("Wren, a few things picked for you")
      await runDue((clock += 4 * DAY + MIN))
      expect((await mail(w.email, 2)).parsed.subject).toMatch(/^What everyone at .+ is buying, Wren$/)
      expect(await stepsOf(enrollment.id)).toEqual(["welcome_1", "wait_3_days", "welcome_2", "wait_4_days", "welcome_3"])
      expect((await enrollmentsOf(flow.id, w.id))[0]).toMatchObject({ status: "completed" })

      // Once per contact: subscribing again enrolls nobody.
      await track(w.anon, "identify", { email: w.email, email_marketing_consent: true })
      expect(await enrollmentsOf(flow.id, w.id)).toHaveLength(1)
    })

    it("browse abandonment: a second view and no cart in 4 hours sends what they viewed; a cart exits", async () => {
      const flow = await install("browse_abandonment")
      const productId = (await db(`SELECT product_id FROM product_variant WHERE id = ?`, [variantId]))[0].product_id
      const b = await subscriber("Bea")
      const c = await subscriber("Cyd")
      for (const who of [b, c]) {
        await track(who.anon, "product_viewed", { product_id: productId })
        expect(await enrollmentsOf(flow.id, who.id)).toHaveLength(0) // one view is not enough
        await track(who.anon, "product_viewed", { product_id: productId })
        const [e] = await waitFor(async () => {
          const rows = await enrollmentsOf(flow.id, who.id)
          return rows[0]?.wait_until ? rows : null
        })
        expect(e.current_step_id).toBe("cart_within_4_hours")
      }
      // Cyd adds to the cart: the wait wakes and takes the exit.
      await track(c.anon, "product_added_to_cart", { product_id: productId })
      const carted = await waitFor(async () => {
        const [row] = await enrollmentsOf(flow.id, c.id)
        return row.status !== "active" ? row : null
      })
      expect(carted).toMatchObject({ status: "exited" })
      expect(await stepsOf(carted.id)).toEqual(["cart_within_4_hours", "carted"])

      const clock = Date.now()
      await runDue(clock + 3 * HOUR)
      expect(await settled(b.email)).toBe(0)
      await runDue(clock + 4 * HOUR + MIN)
      const reminder = await mail(b.email, 0)
      expect(reminder.parsed.subject).toBe("Still thinking it over, Bea?")
      expect(textOf(reminder)).toContain("Trail Runner")
      expect(mailsTo(c.email)).toHaveLength(0)
      const [done] = await enrollmentsOf(flow.id, b.id)
      expect(done.status).toBe("completed")
      expect((await stepRuns(done.id)).map((r: any) => [r.step_id, r.branch])).toEqual([["cart_within_4_hours", "no"], ["browse_reminder", null]])
    })

    it("cart abandonment: the cart after 1, 24 and 72 hours, a code that discounts the cart, the order converts; an earlier order stops it", async () => {
      const flow = await install("cart_abandonment")
      const shopper = await customer("cart")
      const cartId = await storeCart(shopper.token, 2)
      // Medusa's add-to-cart emits cart.updated; the fast path ran the 1 h wait.
      const [enrollment] = await waitFor(async () => {
        const rows = await enrollmentsOf(flow.id, shopper.id)
        return rows[0]?.current_step_id === "reminder_1" ? rows : null
      })
      expect(enrollment.context).toMatchObject({ cart_id: cartId })

      let clock = Date.now()
      await runDue((clock += 30 * MIN))
      expect(await settled(shopper.email)).toBe(0)
      await runDue((clock += 30 * MIN + MIN))
      const first = await mail(shopper.email, 0)
      expect(first.parsed.subject).toBe("You left something in your cart, Ada")
      expect(first.parsed.text).toContain("Trail Runner")
      expect(first.parsed.text).toContain(`/cart/recover/${cartId}`)
      await runDue((clock += 23 * HOUR + MIN))
      const second = await mail(shopper.email, 1)
      expect(second.parsed.subject).toMatch(/^Your cart at .+ is still saved, Ada$/)
      expect(second.parsed.text).toContain("Trail Runner")
      await runDue((clock += 48 * HOUR + MIN))
      const third = await mail(shopper.email, 2)
      expect(third.parsed.subject).toBe("A code for your cart, Ada")
      expect(third.parsed.text).toContain("Trail Runner")
      const code = third.parsed.text!.match(CODE)?.[0]
      expect(code).toBeTruthy()
      expect(third.parsed.html).toContain(code)

      // The code from the email, on the cart through Medusa's store API: 10 % off 2 × 60.
      const cart = await applyCode(cartId, code!, shopper.token)
      expect(cart.promotions.map((p: any) => p.code)).toEqual([code])
      expect(cart.discount_total).toBe(12)
      expect(cart.total).toBe(108)

      const catalog = await orderCatalog(getContainer())
      const order = await placeOrder(getContainer(), catalog, { customer_id: shopper.customer_id, email: shopper.email, unit_price: 108 })
      const converted = await waitFor(async () => {
        const [row] = await enrollmentsOf(flow.id, shopper.id)
        return row.status === "converted" ? row : null
      })
      expect(converted).toMatchObject({ end_reason: "goal", conversion_order_id: order.id, conversion_amount: 108, conversion_currency_code: "eur" })
      expect(await stepsOf(enrollment.id)).toEqual([
        "wait_1_hour", "reminder_1", "wait_until_24_hours", "reminder_2", "wait_until_72_hours", "discount", "reminder_3",
      ])

      // Another shopper orders after the first reminder: the flow stops there.
      const early = await customer("early")
      await storeCart(early.token, 1)
      const [e2] = await waitFor(async () => {
        const rows = await enrollmentsOf(flow.id, early.id)
        return rows[0]?.current_step_id === "reminder_1" ? rows : null
      })
      clock = Date.now()
      await runDue((clock += HOUR + MIN))
      await mail(early.email, 0)
      const earlyOrder = await placeOrder(getContainer(), catalog, { customer_id: early.customer_id, email: early.email, unit_price: 60 })
      await waitFor(async () => (await enrollmentsOf(flow.id, early.id))[0].status === "converted")
      expect((await enrollmentsOf(flow.id, early.id))[0]).toMatchObject({ conversion_order_id: earlyOrder.id, conversion_amount: 60 })
      await runDue((clock += 4 * DAY))
      expect(await settled(early.email)).toBe(1)
      expect(await stepsOf(e2.id)).toEqual(["wait_1_hour", "reminder_1"])
    })
  },
})
