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
import { marketingTestRunner } from "../runner"
import path from "path"
import { createAdminHeaders, createShopFixture, orderCatalog, placeOrder, registerCustomer, sql, storeHeaders, waitFor, runWorkflow } from "../helpers"
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

marketingTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let admin: { headers: Record<string, string> }
    let pk: string
    let regionId: string
    let variantId: string
    let productId: string
    let n = 0

    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any
    const run = (workflow: string, input: unknown) => runWorkflow(getContainer(), workflow, input)
    const runDue = (at: number, limit?: number) => run("run-due-flows", { now: new Date(at).toISOString(), ...(limit ? { limit } : {}) })
    const enrollmentsOf = (flowId: string, contactId: string) =>
      db(`SELECT * FROM marketing_flow_enrollment WHERE flow_id = ? AND contact_id = ? ORDER BY entered_at, id`, [flowId, contactId])
    /** The contact's first enrollment in the flow, once `ready` holds for it (subscribers run asynchronously). */
    const enrollmentWhen = (flowId: string, contactId: string, ready: (e: any) => boolean): Promise<any> =>
      waitFor(async () => {
        const [row] = await enrollmentsOf(flowId, contactId)
        return row && ready(row) ? row : null
      })
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
      admin = await createAdminHeaders(getContainer())
      ;({ pk, regionId, variantId, productId } = await createShopFixture(getContainer(), { title: "Trail Runner", price: 60 }))
    })

    it("welcome series: subscribing sends the welcome, then 3 and 4 days later the next two", async () => {
      const flow = await install("welcome_series")
      const w = await subscriber("Wren")
      const first = await mail(w.email, 0)
      expect(first.parsed.subject).toMatch(/^Welcome to .+, Wren!$/)
      // The email goes out inside the step; the enrollment moves on just after.
      const enrollment = await enrollmentWhen(flow.id, w.id, (e) => e.current_step_id === "welcome_2")
      expect(enrollment.status).toBe("active")

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
      const b = await subscriber("Bea")
      const c = await subscriber("Cyd")
      for (const who of [b, c]) {
        await track(who.anon, "product_viewed", { product_id: productId })
        expect(await enrollmentsOf(flow.id, who.id)).toHaveLength(0) // one view is not enough
        await track(who.anon, "product_viewed", { product_id: productId })
        const waiting = await enrollmentWhen(flow.id, who.id, (e) => !!e.wait_until)
        expect(waiting.current_step_id).toBe("cart_within_4_hours")
      }
      // Cyd adds to the cart: the wait wakes and takes the exit.
      await track(c.anon, "product_added_to_cart", { product_id: productId })
      const carted = await enrollmentWhen(flow.id, c.id, (e) => e.status !== "active")
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
      const enrollment = await enrollmentWhen(flow.id, shopper.id, (e) => e.current_step_id === "reminder_1")
      expect(enrollment.context).toMatchObject({ cart_id: cartId })

      let clock = Date.now()
      await runDue((clock += 30 * MIN))
      expect(await settled(shopper.email)).toBe(0)
      await runDue((clock += 30 * MIN + MIN))
      const first = await mail(shopper.email, 0)
      expect(first.parsed.subject).toBe("You left something in your cart, Ada")
      expect(first.parsed.text).toContain("- 2 × Trail Runner")
      expect(first.parsed.text).toContain(`/cart/recover/${cartId}`)
      await runDue((clock += 23 * HOUR + MIN))
      const second = await mail(shopper.email, 1)
      expect(second.parsed.subject).toMatch(/^Your cart at .+ is still saved, Ada$/)
      expect(second.parsed.text).toContain("- 2 × Trail Runner")
      await runDue((clock += 48 * HOUR + MIN))
      const third = await mail(shopper.email, 2)
      expect(third.parsed.subject).toBe("A code for your cart, Ada")
      expect(third.parsed.text).toContain("- 2 × Trail Runner")
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
      const converted = await enrollmentWhen(flow.id, shopper.id, (e) => e.status === "converted")
      expect(converted).toMatchObject({ end_reason: "goal", conversion_order_id: order.id, conversion_amount: "108", raw_conversion_amount: { value: "108", precision: 20 }, conversion_currency_code: "eur" })
      expect(await stepsOf(enrollment.id)).toEqual([
        "wait_1_hour", "reminder_1", "wait_until_24_hours", "reminder_2", "wait_until_72_hours", "discount", "reminder_3",
      ])

      // Another shopper orders after the first reminder: the flow stops there.
      const early = await customer("early")
      await storeCart(early.token, 1)
      const e2 = await enrollmentWhen(flow.id, early.id, (e) => e.current_step_id === "reminder_1")
      clock = Date.now()
      await runDue((clock += HOUR + MIN))
      await mail(early.email, 0)
      const earlyOrder = await placeOrder(getContainer(), catalog, { customer_id: early.customer_id, email: early.email, unit_price: 60 })
      const stopped = await enrollmentWhen(flow.id, early.id, (e) => e.status === "converted")
      expect(stopped).toMatchObject({ conversion_order_id: earlyOrder.id, conversion_amount: "60", raw_conversion_amount: { value: "60", precision: 20 }, conversion_currency_code: "eur" })
      await runDue((clock += 4 * DAY))
      expect(await settled(early.email)).toBe(1)
      expect(await stepsOf(e2.id)).toEqual(["wait_1_hour", "reminder_1", "wait_until_24_hours"])

      // A third empties the cart before the first reminder: the exit condition ends it, nothing is sent.
      const emptied = await customer("emptied")
      const emptiedCart = await storeCart(emptied.token, 1)
      await enrollmentWhen(flow.id, emptied.id, (e) => e.current_step_id === "reminder_1")
      const { data } = await api.get(`/store/carts/${emptiedCart}`, storeHeaders(pk, emptied.token))
      await api.delete(`/store/carts/${emptiedCart}/line-items/${data.cart.items[0].id}`, storeHeaders(pk, emptied.token))
      const exited = await enrollmentWhen(flow.id, emptied.id, (e) => e.status !== "active")
      expect(exited).toMatchObject({ status: "exited", end_reason: "exit condition" })
      await runDue(Date.now() + 2 * HOUR)
      expect(await settled(emptied.email)).toBe(0)
    })

    /** Stage thresholds and the sales address, and a rule worth 30 points per checkout started. */
    async function scoring() {
      await api.post(
        "/admin/marketing/scoring-settings",
        { lead_threshold: 20, marketing_qualified_threshold: 50, sales_ready_threshold: 80, sales_notification_email: "sales@example.com" },
        admin
      )
      await api.post("/admin/marketing/scoring-rules", { name: "Checkout", kind: "engagement", event_type: "checkout_started", points: 30 }, admin)
    }
    const stageOf = async (contactId: string) => (await db(`SELECT lifecycle_stage FROM marketing_contact WHERE id = ?`, [contactId]))[0].lifecycle_stage

    it("lead nurturing: becoming a lead sends the first lesson; sales-ready converts it, and 4 days later the team is told", async () => {
      await scoring()
      const flow = await install("lead_nurturing")
      const l = await subscriber("Lena")
      await track(l.anon, "checkout_started", { cart_id: "cart_l1" })
      expect(await stageOf(l.id)).toBe("lead")
      const first = await mail(l.email, 0)
      expect(first.parsed.subject).toBe("Lena, how to choose what suits you")
      const enrollment = await enrollmentWhen(flow.id, l.id, (e) => e.current_step_id === "ready_1")
      expect(enrollment).toMatchObject({ status: "active", converted_at: null })

      await track(l.anon, "checkout_started", { cart_id: "cart_l2" })
      await track(l.anon, "checkout_started", { cart_id: "cart_l3" })
      expect(await stageOf(l.id)).toBe("sales_ready")
      // Entering "Sales-ready leads" is the goal: converted, and it goes on.
      const converted = await enrollmentWhen(flow.id, l.id, (e) => !!e.converted_at)
      expect(converted).toMatchObject({ status: "active", current_step_id: "ready_1" })

      const teamMail = () => mailsTo("sales@example.com").filter((m) => m.parsed.subject?.startsWith("Lead nurturing by score:"))
      await runDue(Date.now() + 3 * DAY)
      expect(teamMail()).toHaveLength(0)
      await runDue(Date.now() + 4 * DAY + MIN)
      const told = await waitFor(async () => teamMail()[0])
      expect(told.parsed.subject).toMatch(/^Lead nurturing by score: Lena/)
      expect(told.parsed.text).toContain("Became sales-ready during lead nurturing")
      expect(told.parsed.text).toContain(l.email)
      const [done] = await enrollmentsOf(flow.id, l.id)
      expect(done.status).toBe("completed")
      expect((await stepRuns(done.id)).map((r: any) => [r.step_id, r.branch])).toEqual([
        ["education_1", null], ["wait_1", null], ["ready_1", "yes"], ["notify_sales", null],
      ])
      expect(await settled(l.email)).toBe(1) // no second lesson
    })

    it("post-purchase: an order brings the thank-you a day later and the cross-sell two weeks after; the next order converts", async () => {
      const flow = await install("post_purchase")
      const buyer = await customer("buyer")
      const catalog = await orderCatalog(getContainer())
      const order = await placeOrder(getContainer(), catalog, { customer_id: buyer.customer_id, email: buyer.email, unit_price: 45 })
      const enrollment = await enrollmentWhen(flow.id, buyer.id, (e) => e.current_step_id === "thank_you")
      expect(enrollment.context).toMatchObject({ order_id: order.id })
      const [{ display_id }] = await db(`SELECT display_id FROM "order" WHERE id = ?`, [order.id])

      let clock = Date.now()
      await runDue((clock += DAY + MIN))
      const thanks = await mail(buyer.email, 0)
      expect(thanks.parsed.subject).toBe(`Thank you for your order #${display_id}`)
      expect(thanks.parsed.text).toContain("Runner")
      await runDue((clock += 14 * DAY + MIN))
      expect((await mail(buyer.email, 1)).parsed.subject).toBe("Ada, these go well with your order")
      expect((await enrollmentsOf(flow.id, buyer.id))[0]).toMatchObject({ status: "active", current_step_id: "conversion_window" })

      // The next order, within the window: converts this enrollment and starts the next one.
      const next = await placeOrder(getContainer(), catalog, { customer_id: buyer.customer_id, email: buyer.email, unit_price: 30 })
      const rows = await waitFor(async () => {
        const all = await enrollmentsOf(flow.id, buyer.id)
        return all.length === 2 && all[0].status === "converted" ? all : null
      })
      expect(rows[0]).toMatchObject({ end_reason: "goal", conversion_order_id: next.id, conversion_amount: "30", raw_conversion_amount: { value: "30", precision: 20 }, conversion_currency_code: "eur" })
      expect(rows[1]).toMatchObject({ status: "active", context: expect.objectContaining({ order_id: next.id }) })
    })

    it("replenishment: 30 days after the last order, at 10:00, a reminder to stock up", async () => {
      const flow = await install("replenishment")
      const buyer = await customer("refill")
      const catalog = await orderCatalog(getContainer())
      // 27 days ago, so the app's own job (on the real clock) never meets the day.
      const orderedAt = new Date(Date.now() - 27 * DAY)
      await placeOrder(getContainer(), catalog, { customer_id: buyer.customer_id, email: buyer.email, unit_price: 20, at: orderedAt })
      const [contact] = await db(`SELECT last_order_at FROM marketing_contact WHERE id = ?`, [buyer.id])
      expect(new Date(contact.last_order_at).toISOString()).toBe(orderedAt.toISOString())

      const day = new Date(orderedAt.getTime() + 30 * DAY).toISOString().slice(0, 10)
      await run("run-flow-date-triggers", { now: `${day}T09:30:00.000Z` }) // the store's zone: UTC
      expect(await enrollmentsOf(flow.id, buyer.id)).toHaveLength(0)
      await run("run-flow-date-triggers", { now: `${day}T10:05:00.000Z` })
      await run("run-flow-date-triggers", { now: `${day}T10:20:00.000Z` })
      expect((await mail(buyer.email, 0)).parsed.subject).toBe("Running low, Ada?")
      await enrollmentWhen(flow.id, buyer.id, (e) => e.current_step_id === "conversion_window")
      expect(await enrollmentsOf(flow.id, buyer.id)).toHaveLength(1)
      expect(await settled(buyer.email)).toBe(1)
    })

    it("win-back and VIP welcome: RFM groups from orders, entered through the segments engine; the code discounts a cart and the order converts", async () => {
      const winBack = await install("win_back")
      const vip = await install("vip_welcome")
      const champion = await customer("champion")
      const atRisk = await customer("atrisk")
      const now = Date.now()
      const catalog = await orderCatalog(getContainer())
      const others = await getContainer().resolve(Modules.CUSTOMER).createCustomers(
        [1, 2, 3].map((i) => ({ email: `rfm-${i}-${++n}@example.com` }))
      )
      /** Orders placed through Medusa's order workflow, dated in the past: [days ago, total]. */
      const history = async (who: { customer_id: string; email: string }, list: [number, number][]) => {
        for (const [days, total] of list) {
          await placeOrder(getContainer(), catalog, { customer_id: who.customer_id, email: who.email, unit_price: total, at: new Date(now - days * DAY) })
        }
      }
      // Five customers (the least RFM bands), chosen so that the champion is "Champions" (recency 4, frequency 5,
      // monetary 5) and the other "At risk" (recency 2, frequency 4, monetary 4).
      await history(champion, [[2, 500], [10, 400], [20, 300], [30, 300], [40, 200]])
      await history(atRisk, [[200, 100], [210, 100], [220, 100], [230, 100]])
      await history({ customer_id: others[0].id, email: others[0].email! }, [[5, 100], [15, 100], [25, 100]])
      await history({ customer_id: others[1].id, email: others[1].email! }, [[1, 20]])
      await history({ customer_id: others[2].id, email: others[2].email! }, [[300, 10]])
      // The nightly jobs: RFM, then the segments rebuilt, announcing who entered.
      await run("run-nightly-scoring", { now: new Date(now).toISOString() })
      await run("build-segments", { now: new Date(now).toISOString() })
      const groups = await db(`SELECT id, rfm_group FROM marketing_contact WHERE id IN (?, ?)`, [champion.id, atRisk.id])
      expect(Object.fromEntries(groups.map((g: any) => [g.id, g.rfm_group]))).toEqual({ [champion.id]: "Champions", [atRisk.id]: "At risk" })

      const welcome = await mail(champion.email, 0)
      expect(welcome.parsed.subject).toMatch(/^Ada, you are now a .+ VIP$/)
      await waitFor(async () => (await tagsOf(champion.id)).includes("vip"))
      await waitFor(async () => (await enrollmentsOf(vip.id, champion.id))[0]?.current_step_id === "conversion_window")
      expect(await enrollmentsOf(vip.id, atRisk.id)).toHaveLength(0)

      const missed = await mail(atRisk.email, 0)
      expect(missed.parsed.subject).toMatch(/^We miss you, Ada/)
      const code = missed.parsed.text!.match(CODE)?.[0]
      expect(code).toBeTruthy()
      const enrollment = await enrollmentWhen(winBack.id, atRisk.id, (e) => e.current_step_id === "code_valid")
      expect(enrollment.status).toBe("active")
      expect(enrollment.context.discount.code).toBe(code)
      expect(await enrollmentsOf(winBack.id, champion.id)).toHaveLength(0)

      // 15 % off a 60 EUR cart.
      const cartId = await storeCart(atRisk.token, 1)
      const cart = await applyCode(cartId, code!, atRisk.token)
      expect(cart.discount_total).toBe(9)
      expect(cart.total).toBe(51)
      const order = await placeOrder(getContainer(), catalog, { customer_id: atRisk.customer_id, email: atRisk.email, unit_price: 51 })
      const converted = await enrollmentWhen(winBack.id, atRisk.id, (e) => e.status === "converted")
      expect(converted).toMatchObject({ conversion_order_id: order.id, conversion_amount: "51", raw_conversion_amount: { value: "51", precision: 20 }, conversion_currency_code: "eur" })
    })

    it("birthday: at 09:00 on the day a gift code, which discounts a cart", async () => {
      const flow = await install("birthday")
      // Three days ahead, so the app's own job (on the real clock) never meets it.
      const day = new Date(Date.now() + 3 * DAY).toISOString().slice(0, 10)
      const bo = await subscriber("Bo", { birth_date: `1990-${day.slice(5)}` })
      await run("run-flow-date-triggers", { now: `${day}T08:45:00.000Z` })
      expect(await enrollmentsOf(flow.id, bo.id)).toHaveLength(0)
      await run("run-flow-date-triggers", { now: `${day}T09:05:00.000Z` })
      const gift = await mail(bo.email, 0)
      expect(gift.parsed.subject).toMatch(/^Happy birthday, Bo! A gift from .+$/)
      const code = gift.parsed.text!.match(CODE)?.[0]
      expect(code).toBeTruthy()
      const enrollment = await enrollmentWhen(flow.id, bo.id, (e) => e.current_step_id === "code_valid")
      expect(await stepsOf(enrollment.id)).toEqual(["gift_code", "birthday_email"])
      const cart = await applyCode(await storeCart(undefined, 1), code!)
      expect(cart.discount_total).toBe(9)
    })

    it("random split 30/70 over 2,000 contacts enrolled from a segment at once", async () => {
      const at = new Date()
      await marketing().createContacts(
        Array.from({ length: 2000 }, (_, i) => ({ email: `split-${i}@example.com`, first_name: "Splitter", first_seen_at: at, last_seen_at: at }))
      )
      const segment = (await api.post("/admin/marketing/segments", { name: "Split test", definition: { field: "first_name", operator: "eq", value: "Splitter" } }, admin)).data.segment
      const definition = {
        trigger: { type: "manual" }, reentry: { policy: "once" }, start: "split",
        steps: {
          split: { type: "random_split", branches: [{ key: "a", percent: 30, next: "tag_a" }, { key: "b", percent: 70, next: "tag_b" }] },
          tag_a: { type: "update_contact", add_tags: ["split-a"] },
          tag_b: { type: "update_contact", add_tags: ["split-b"] },
        },
      }
      const draft = (await api.post("/admin/marketing/flows", { name: "Split", definition }, admin)).data.flow
      await api.post(`/admin/marketing/flows/${draft.id}/publish`, {}, admin)
      const enrolled = await api.post(`/admin/marketing/flows/${draft.id}/enrollments`, { segment_id: segment.id }, admin)
      expect(enrolled.data).toEqual({ enrolled: 2000, schedule_id: null })
      // The request ran the first batch; runners take the rest (two at once, as two instances would). The app's
      // own minutely runner may hold a batch meanwhile, so this waits for every enrollment to end, not for an
      // empty claim.
      await waitFor(async () => {
        const t = Date.now()
        await Promise.all([runDue(t, 500), runDue(t, 500)])
        const [{ n }] = await db(`SELECT count(*)::int AS n FROM marketing_flow_enrollment WHERE flow_id = ? AND status = 'active'`, [draft.id])
        return n === 0
      }, 120_000)
      const [counts] = await db(
        `SELECT count(*) FILTER (WHERE status = 'completed')::int AS completed, count(*)::int AS total FROM marketing_flow_enrollment WHERE flow_id = ?`,
        [draft.id]
      )
      expect(counts).toEqual({ completed: 2000, total: 2000 })
      const branches = await db(
        `SELECT branch, count(*)::int AS n FROM marketing_flow_step_run WHERE flow_id = ? AND step_id = 'split' GROUP BY branch ORDER BY branch`,
        [draft.id]
      )
      const a = branches.find((b: any) => b.branch === "a").n
      expect(branches.reduce((sum: number, b: any) => sum + b.n, 0)).toBe(2000)
      // Binomial: the share of "a" has a standard deviation of sqrt(0.3 × 0.7 / 2000) ≈ 1.0 point; ±4 points is
      // about 3.9 of them (a fair split fails this about once in 10,000 runs), and a 50/50 or a swapped split fails it.
      expect(Math.abs(a / 2000 - 0.3)).toBeLessThanOrEqual(0.04)
      // Each enrollment's next step run is its branch's step, and the tag is the branch's.
      const [mismatched] = await db(
        `SELECT count(*)::int AS n FROM marketing_flow_step_run s
           JOIN marketing_flow_step_run t ON t.enrollment_id = s.enrollment_id AND t.step_id LIKE 'tag_%'
          WHERE s.flow_id = ? AND s.step_id = 'split' AND t.step_id <> 'tag_' || s.branch`,
        [draft.id]
      )
      expect(mismatched.n).toBe(0)
      const [tags] = await db(
        `SELECT count(*) FILTER (WHERE 'split-a' = ANY(tags))::int AS a, count(*) FILTER (WHERE 'split-b' = ANY(tags))::int AS b
           FROM marketing_contact WHERE first_name = 'Splitter'`
      )
      expect(tags).toEqual({ a, b: 2000 - a })
    })

    it("score threshold, stage changed and segment exited triggers, from scoring rules and tracked events", async () => {
      await scoring()
      const leads = (await api.post("/admin/marketing/segments", { name: "Leads", definition: { field: "lifecycle_stage", operator: "eq", value: "lead" } }, admin)).data.segment
      const flow = async (name: string, trigger: unknown, tag: string) => {
        const definition = { trigger, reentry: { policy: "once" }, start: "tag", steps: { tag: { type: "update_contact", add_tags: [tag] } } }
        const draft = (await api.post("/admin/marketing/flows", { name, definition }, admin)).data.flow
        return (await api.post(`/admin/marketing/flows/${draft.id}/publish`, {}, admin)).data.flow
      }
      const crossed = await flow("Crossed 50", { type: "score_threshold", score: "acquisition", threshold: 50, direction: "up" }, "crossed-50")
      // A threshold of the flow's own, no stage's: live scoring reports it too.
      const crossed45 = await flow("Crossed 45", { type: "score_threshold", score: "acquisition", threshold: 45, direction: "up" }, "crossed-45")
      const becameLead = await flow("Became a lead", { type: "stage_changed", to: "lead" }, "became-lead")
      const leftLeads = await flow("Left the leads", { type: "segment_exited", segment_id: leads.id }, "left-leads")

      const s = await subscriber("Sol")
      await track(s.anon, "checkout_started", { cart_id: "cart_s1" }) // 30 points: a lead
      await waitFor(async () => (await tagsOf(s.id)).includes("became-lead"))
      expect(await enrollmentsOf(crossed.id, s.id)).toHaveLength(0)
      expect(await enrollmentsOf(crossed45.id, s.id)).toHaveLength(0)
      expect(await enrollmentsOf(leftLeads.id, s.id)).toHaveLength(0)

      await track(s.anon, "checkout_started", { cart_id: "cart_s2" }) // 60: crosses 50, marketing qualified, out of the leads
      await waitFor(async () => {
        const tags = await tagsOf(s.id)
        return tags.includes("crossed-50") && tags.includes("crossed-45") && tags.includes("left-leads")
      })
      expect(await stageOf(s.id)).toBe("marketing_qualified")
      // The tag is written a moment before its enrollment is marked completed: wait for the enrollments to end.
      const statuses = async () => Promise.all([crossed, crossed45, becameLead, leftLeads].map(async (f) => (await enrollmentsOf(f.id, s.id)).map((r: any) => r.status)))
      await waitFor(async () => (await statuses()).every((st) => st.length === 1 && st[0] !== "active"))
      expect(await statuses()).toEqual([["completed"], ["completed"], ["completed"], ["completed"]])
      expect((await enrollmentsOf(leftLeads.id, s.id))[0].context).toMatchObject({ segment_id: leads.id })
    })
  },
})
