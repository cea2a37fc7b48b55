import { marketingTestRunner } from "../runner"
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { createOrderWorkflow } from "@medusajs/medusa/core-flows"
import {
  TEST_APP_DIR, anonymousId, contactOfAnonymousId, createAdminHeaders, createShopFixture, registerCustomer, sql,
  storeHeaders, waitFor,
} from "../helpers"

jest.setTimeout(180000)

/**
 * Cart stitching on the real app: guest carts, line items, the checkout email
 * step and orders go through Medusa's store API and workflows; the plugin's
 * subscribers turn them into events.
 */
marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: { headers: Record<string, string> }
    let regionId: string
    let variantId: string

    beforeAll(async () => {
      const container = getContainer()
      admin = await createAdminHeaders(container)
      ;({ pk, regionId, variantId } = await createShopFixture(container))
    })

    const track = (events: unknown, token?: string) => api.post("/store/marketing/events", events, storeHeaders(pk, token))
    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const cartEvents = (cartId: string) =>
      db(`SELECT id, type, contact_id, occurred_at FROM marketing_event WHERE cart_id = ? ORDER BY occurred_at, id`, [cartId])
    const pendingOf = async (cartId: string) => (await cartEvents(cartId)).filter((e: any) => e.contact_id === null)

    /** A guest's cart with one item, as a storefront makes it; waits until both events wait for an owner. */
    async function guestCartWithItem(): Promise<string> {
      const { data } = await api.post("/store/carts", { region_id: regionId }, storeHeaders(pk))
      const cartId = data.cart.id as string
      await api.post(`/store/carts/${cartId}/line-items`, { variant_id: variantId, quantity: 1 }, storeHeaders(pk))
      await waitFor(async () => {
        const types = (await pendingOf(cartId)).map((e: any) => e.type)
        return types.includes("cart_created") && types.includes("cart_updated")
      })
      return cartId
    }

    /** The checkout's email step: Medusa makes a guest customer for the email. */
    async function giveEmailAtCheckout(cartId: string, email: string): Promise<string> {
      await api.post(`/store/carts/${cartId}`, { email }, storeHeaders(pk))
      const { data } = await api.get(`/store/carts/${cartId}`, storeHeaders(pk))
      expect(data.cart.customer_id).toBeTruthy()
      return data.cart.customer_id
    }

    const liveContacts = (where: string, params: unknown[]) =>
      db(`SELECT * FROM marketing_contact WHERE deleted_at IS NULL AND (${where})`, params)

    describe("pending cart events", () => {
      it("keeps a guest cart's events and attaches them, in order and scored once, to the visitor who names the cart", async () => {
        const { data: rule } = await api.post(
          "/admin/marketing/scoring-rules",
          { name: "Started a cart", kind: "engagement", event_type: "cart_created", points: 7 },
          admin
        )
        const { data: seg } = await api.post(
          "/admin/marketing/segments",
          { name: `Cart starters ${anonymousId()}`, definition: { event: { type: "cart_created" } } },
          admin
        )
        const anon = anonymousId()
        await track({ type: "page_viewed", anonymous_id: anon, properties: { path: "/" } })
        const cartId = await guestCartWithItem()
        const visitor = await contactOfAnonymousId(getContainer(), anon)
        expect(visitor.acquisition_score).toBe(0)

        // The storefront's server-side add-to-cart names the cart (the cookie is httpOnly).
        const added = await track({
          type: "product_added_to_cart",
          anonymous_id: anon,
          idempotency_key: `add-${anon}`,
          properties: { cart_id: cartId, variant_id: variantId },
        })
        expect(added.data).toMatchObject({ recorded: 1, dropped: 0 })
        await track({ type: "identify", anonymous_id: anon, properties: { email: `cart-${anon}@example.com` } })

        const contact = await contactOfAnonymousId(getContainer(), anon)
        expect(contact.id).toBe(visitor.id)
        expect(await pendingOf(cartId)).toEqual([])
        const events = await db(`SELECT type FROM marketing_event WHERE contact_id = ? AND type <> 'session_started' ORDER BY occurred_at, id`, [contact.id])
        expect(events.map((e: any) => e.type)).toEqual(["page_viewed", "cart_created", "cart_updated", "product_added_to_cart", "identify"])

        // Scored like a live event, once; a repeated claim adds nothing.
        expect(contact.acquisition_score).toBe(7)
        await track({
          type: "product_added_to_cart",
          anonymous_id: anon,
          idempotency_key: `add-${anon}`,
          properties: { cart_id: cartId, variant_id: variantId },
        })
        const entries = await db(`SELECT delta FROM marketing_score_entry WHERE contact_id = ? AND rule_id = ?`, [
          contact.id,
          rule.scoring_rule.id,
        ])
        expect(entries).toEqual([{ delta: 7 }])
        expect((await contactOfAnonymousId(getContainer(), anon)).acquisition_score).toBe(7)

        // Segments hear of the attached events as of any new event.
        await waitFor(async () =>
          (
            await db(`SELECT 1 FROM marketing_segment_membership WHERE segment_id = ? AND contact_id = ? AND exited_at IS NULL`, [
              seg.segment.id,
              contact.id,
            ])
          ).length
        )

        // A full recompute, with another guest's cart still pending, finds the same ledger: the attached
        // event scored once on its owner, nothing for events without a contact.
        await guestCartWithItem()
        const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
        const done = await waitFor(async () => {
          const r = (await api.get(`/admin/marketing/scoring/recomputes/${recompute.id}`, admin)).data.recompute
          return r.status !== "running" ? r : null
        })
        expect(done).toMatchObject({ status: "done" })
        expect(done.stats).toMatchObject({ entries_added: 0, entries_removed: 0, entries_changed: 0 })
        expect((await contactOfAnonymousId(getContainer(), anon)).acquisition_score).toBe(7)
        const [{ n }] = await db(`SELECT count(*)::int AS n FROM marketing_score_entry WHERE rule_id = ?`, [rule.scoring_rule.id])
        expect(n).toBe(1)
      })

      it("attaches a cart's pending events to the buyer when the order from that cart is placed", async () => {
        const container = getContainer()
        const anon = anonymousId()
        const cartId = await guestCartWithItem()
        const { customer, token } = await registerCustomer(api, pk, `buyer-${anon}@example.com`)
        await track({ type: "identify", anonymous_id: anon }, token)
        const buyer = await waitFor(async () => (await liveContacts("customer_id = ?", [customer.id]))[0])

        const { result: order } = await createOrderWorkflow(container).run({
          input: {
            region_id: regionId,
            customer_id: customer.id,
            email: customer.email,
            currency_code: "eur",
            items: [{ title: "Runner", variant_id: variantId, quantity: 1, unit_price: 60 }],
          } as any,
        })
        // As completing a cart does: Medusa's order–cart link.
        await container.resolve(ContainerRegistrationKeys.LINK).create({
          [Modules.ORDER]: { order_id: order.id },
          [Modules.CART]: { cart_id: cartId },
        })
        await container.resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })

        await waitFor(async () => !(await pendingOf(cartId)).length)
        const events = await cartEvents(cartId)
        expect(events.map((e: any) => e.type)).toEqual(["cart_created", "cart_updated", "order_placed"])
        expect(new Set(events.map((e: any) => e.contact_id))).toEqual(new Set([buyer.id]))
        expect((await contactOfAnonymousId(container, anon)).id).toBe(buyer.id)
      })
    })

    describe("guest customers from the checkout's email step", () => {
      it("merges the guest customer with the visitor who gave the same email before the email step", async () => {
        const anon = anonymousId()
        const email = `first-${anon}@example.com`
        await track({ type: "page_viewed", anonymous_id: anon })
        await track({ type: "identify", anonymous_id: anon, properties: { email } })
        const cartId = await guestCartWithItem()
        const guestId = await giveEmailAtCheckout(cartId, email)

        const contact = await waitFor(async () => {
          const c = await contactOfAnonymousId(getContainer(), anon)
          return c?.customer_id === guestId && !c.deleted_at ? c : null
        })
        expect(contact).toMatchObject({ email, has_account: false })
        expect(await liveContacts("customer_id = ? OR lower(email) = ?", [guestId, email])).toHaveLength(1)
        const types = await db(`SELECT type FROM marketing_event WHERE contact_id = ? AND type <> 'session_started' ORDER BY occurred_at, id`, [contact.id])
        expect(types.map((e: any) => e.type)).toEqual(["page_viewed", "identify", "cart_created", "cart_updated", "cart_updated"])
      })

      it("merges the visitor who gives the email after the email step into the guest customer", async () => {
        const anon = anonymousId()
        const email = `later-${anon}@example.com`
        await track({ type: "page_viewed", anonymous_id: anon })
        const cartId = await guestCartWithItem()
        const guestId = await giveEmailAtCheckout(cartId, email)
        const guest = await waitFor(async () => (await liveContacts("customer_id = ?", [guestId]))[0])
        expect(guest).toMatchObject({ email, has_account: false })
        await waitFor(async () => !(await pendingOf(cartId)).length)

        await track({ type: "identify", anonymous_id: anon, properties: { email } })
        const contact = await contactOfAnonymousId(getContainer(), anon)
        expect(contact.id).toBe(guest.id)
        expect(await liveContacts("customer_id = ? OR lower(email) = ?", [guestId, email])).toHaveLength(1)
        const types = await db(`SELECT type FROM marketing_event WHERE contact_id = ? AND type <> 'session_started' ORDER BY occurred_at, id`, [contact.id])
        expect(types.map((e: any) => e.type)).toEqual(["page_viewed", "cart_created", "cart_updated", "cart_updated", "identify"])
      })

      it("ends with one contact when the identify and the email step race", async () => {
        for (let round = 0; round < 3; round++) {
          const anon = anonymousId()
          const email = `race-${round}-${anon}@example.com`
          await track({ type: "page_viewed", anonymous_id: anon })
          const cartId = await guestCartWithItem()
          const [, guestId] = await Promise.all([
            track({ type: "identify", anonymous_id: anon, properties: { email } }),
            giveEmailAtCheckout(cartId, email),
          ])
          const contact = await waitFor(async () => {
            const c = await contactOfAnonymousId(getContainer(), anon)
            return c?.customer_id === guestId && !c.deleted_at ? c : null
          })
          expect(await liveContacts("customer_id = ? OR lower(email) = ?", [guestId, email])).toHaveLength(1)
          expect(new Set((await cartEvents(cartId)).map((e: any) => e.contact_id))).toEqual(new Set([contact.id]))
        }
      })

      it("merges the visitor who names a cart already on a guest customer's contact", async () => {
        const anon = anonymousId()
        await track({ type: "page_viewed", anonymous_id: anon })
        const visitor = await contactOfAnonymousId(getContainer(), anon)
        const cartId = await guestCartWithItem()
        const guestId = await giveEmailAtCheckout(cartId, `named-${anon}@example.com`)
        const guest = await waitFor(async () => (await liveContacts("customer_id = ?", [guestId]))[0])

        await track({ type: "checkout_started", anonymous_id: anon, properties: { cart_id: cartId } })
        const contact = await contactOfAnonymousId(getContainer(), anon)
        expect(contact.id).toBe(guest.id)
        const [old] = await db(`SELECT merged_into_id, deleted_at FROM marketing_contact WHERE id = ?`, [visitor.id])
        expect(old.merged_into_id).toBe(guest.id)
        expect(old.deleted_at).not.toBeNull()
        expect(new Set((await cartEvents(cartId)).map((e: any) => e.contact_id))).toEqual(new Set([guest.id]))
      })

      it("lets an account registered with the guest's email take over the guest's history", async () => {
        const anon = anonymousId()
        const email = `takeover-${anon}@example.com`
        await track({ type: "identify", anonymous_id: anon, properties: { email } })
        const cartId = await guestCartWithItem()
        const guestId = await giveEmailAtCheckout(cartId, email)
        const guest = await waitFor(async () => {
          const c = await contactOfAnonymousId(getContainer(), anon)
          return c?.customer_id === guestId ? c : null
        })

        const { customer } = await registerCustomer(api, pk, email)
        expect(customer.id).not.toBe(guestId)
        const account = await waitFor(async () => {
          const [c] = await liveContacts("customer_id = ?", [customer.id])
          const [g] = await db(`SELECT merged_into_id FROM marketing_contact WHERE id = ?`, [guest.id])
          return c && g.merged_into_id === c.id ? c : null
        })
        expect(account.has_account).toBe(true)
        expect((await contactOfAnonymousId(getContainer(), anon)).id).toBe(account.id)
        expect(new Set((await cartEvents(cartId)).map((e: any) => e.contact_id))).toEqual(new Set([account.id]))
        expect(await liveContacts("lower(email) = ?", [email])).toHaveLength(1)
      })
    })

    describe("admin search", () => {
      it("finds a contact by visitor, customer and cart id as well as by email", async () => {
        const anon = anonymousId()
        const cartId = await guestCartWithItem()
        const { customer, token } = await registerCustomer(api, pk, `searched-${anon}@example.com`)
        await track({ type: "checkout_started", anonymous_id: anon, properties: { cart_id: cartId } }, token)
        const contact = await waitFor(async () => (await liveContacts("customer_id = ?", [customer.id]))[0])
        const search = async (q: string) =>
          (await api.get(`/admin/marketing/contacts?q=${encodeURIComponent(q)}`, admin)).data.contacts.map((c: any) => c.id)

        expect(await search(anon)).toEqual([contact.id])
        expect(await search(customer.id)).toEqual([contact.id])
        expect(await search(cartId)).toEqual([contact.id])
        expect(await search(`searched-${anon}`)).toEqual([contact.id])
        expect(await search(`anon-nobody-${anon}`)).toEqual([])

        // The timeline says which cart each event is about.
        const { events } = (await api.get(`/admin/marketing/contacts/${contact.id}/events?limit=100`, admin)).data
        const ofCart = events.filter((e: any) => e.cart_id === cartId).map((e: any) => e.type).sort()
        expect(ofCart).toEqual(["cart_created", "cart_updated", "checkout_started"])
      })
    })

    describe("store route", () => {
      it("rejects a malformed cart id with a 400 naming it and writes nothing", async () => {
        const anon = anonymousId()
        const [{ n: before }] = await db(`SELECT count(*)::int AS n FROM marketing_event`)
        const bad: unknown[] = ["order_01ABC", "cart_", "cart_01 ABC", `cart_${"a".repeat(60)}`, 42, { id: "cart_1" }]
        for (const cartId of bad) {
          const err = await track({
            events: [
              { type: "page_viewed", anonymous_id: anon },
              { type: "product_added_to_cart", anonymous_id: anon, properties: { cart_id: cartId } },
            ],
          }).catch((e: any) => e)
          expect(err.response?.status).toBe(400)
          expect(err.response.data.message).toMatch(/events\[1\]\.properties\.cart_id/)
        }
        const [{ n: after }] = await db(`SELECT count(*)::int AS n FROM marketing_event`)
        expect(after).toBe(before)
        expect(await contactOfAnonymousId(getContainer(), anon)).toBeUndefined()
      })
    })

    describe("purge and privacy", () => {
      it("purges pending cart events older than the option's 30 days, and only those", async () => {
        const oldCart = await guestCartWithItem()
        const freshCart = await guestCartWithItem()
        await db(`UPDATE marketing_event SET received_at = now() - interval '31 days' WHERE cart_id = ?`, [oldCart])
        // An owned event as old as that stays: only pending ones are purged.
        const anon = anonymousId()
        await track({ type: "page_viewed", anonymous_id: anon })
        const owner = await contactOfAnonymousId(getContainer(), anon)
        await db(`UPDATE marketing_event SET received_at = now() - interval '31 days' WHERE contact_id = ?`, [owner.id])

        const engine = getContainer().resolve(Modules.WORKFLOW_ENGINE) as any
        const { result } = await engine.run("purge-pending-cart-events", { input: {}, throwOnError: true })
        expect(result.deleted).toBe(2)
        expect(await cartEvents(oldCart)).toEqual([])
        expect((await pendingOf(freshCart)).map((e: any) => e.type).sort()).toEqual(["cart_created", "cart_updated"])
        expect(await db(`SELECT id FROM marketing_event WHERE contact_id = ? AND type <> 'session_started'`, [owner.id])).toHaveLength(1)
      })

      it("exports and erases the pending events of the person's carts with the person", async () => {
        const anon = anonymousId()
        const cartId = await guestCartWithItem()
        await track({ type: "checkout_started", anonymous_id: anon, properties: { cart_id: cartId } })
        const contact = await contactOfAnonymousId(getContainer(), anon)
        // An event of the person's cart still waiting for its owner (it came in while they were being exported).
        const [waiting] = await db(
          `UPDATE marketing_event SET contact_id = NULL WHERE cart_id = ? AND type = 'cart_created' RETURNING id`,
          [cartId]
        )
        const otherCart = await guestCartWithItem()

        const exported = (await api.get(`/admin/marketing/contacts/${contact.id}/export`, admin)).data
        expect(exported.events.map((e: any) => e.id)).toContain(waiting.id)
        // With the session the checkout opened.
        expect(exported.events.map((e: any) => e.type).sort()).toEqual(["cart_created", "cart_updated", "checkout_started", "session_started"])
        expect(exported.sessions).toHaveLength(1)

        const erased = (await api.post(`/admin/marketing/contacts/${contact.id}/erase`, {}, admin)).data
        expect(erased.counts).toMatchObject({ marketing_event: 4, marketing_session: 1 })
        expect(await cartEvents(cartId)).toEqual([])
        expect((await pendingOf(otherCart)).length).toBe(2)
      })
    })
  },
})
