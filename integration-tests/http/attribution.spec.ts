/**
 * Attribution on the real app: flow emails sent through the SMTP provider to
 * a real SMTP server, opened and clicked through their real tracking URLs,
 * orders placed by completing carts with Medusa's workflows (a real
 * promotion, two regions and currencies), canceled through Medusa; the
 * appointment route with a real secret API key; a message's unsubscribe.
 */
import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import {
  cancelOrderWorkflow, completeCartWorkflow, createCartWorkflow, createPaymentCollectionForCartWorkflow,
  createPaymentSessionsWorkflow, createProductsWorkflow, createPromotionsWorkflow, createRegionsWorkflow,
  createSalesChannelsWorkflow, updateCartPromotionsWorkflow,
} from "@medusajs/medusa/core-flows"
import { marketingTestRunner } from "../runner"
import path from "path"
import { signFeedback } from "../../src/modules/marketing/email/webhooks/signed-json"
import type { FlowDefinition } from "../../src/modules/marketing/flows/types"
import { createAdminHeaders, createPublishableKey, rawHeader, sql, storeHeaders, waitFor } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"

jest.setTimeout(300000)

const APP_DIR = path.join(__dirname, "../app-smtp")
const PUBLIC_URL = "https://api.shop.test"
const SECRET = "attribution-test-secret-0123456789"
const HOUR = 3_600_000
const DAY = 24 * HOUR
const started = Date.now()
const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16)
const BROWSER = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15"

const received = useTestSmtpServer()
const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))

beforeAll(() => {
  process.env.MMA_EMAIL_TEST_OPTIONS = JSON.stringify({ secret: SECRET, publicUrl: PUBLIC_URL })
  // No frequency cap; quiet hours far from the suite's clock (CI runs around midnight UTC).
  process.env.MMA_FLOWS_TEST_OPTIONS = JSON.stringify({
    frequencyCapHours: 0, quietHours: { start: hhmm(started + 6 * HOUR), end: hhmm(started + 10 * HOUR) },
  })
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
    let flow: { id: string; version_id: string }
    let shop: { channel: string; eur: string; usd: string; variant: string }
    let n = 0

    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const marketing = () => getContainer().resolve("marketing") as any
    const attributionOf = (orderId: string) => db(`SELECT * FROM marketing_attribution WHERE order_id = ?`, [orderId]).then((r) => r[0])

    /** A storefront visitor who gave their email, with marketing consent. */
    async function subscriber(name: string) {
      const email = `${name.toLowerCase()}-${++n}@example.com`
      const anon = `anon-attr-${n}`
      await api.post("/store/marketing/events", { events: [{ type: "identify", anonymous_id: anon, properties: { email, first_name: name } }] }, storeHeaders(pk))
      const [{ id }] = await db(`SELECT id FROM marketing_contact WHERE email = ? AND deleted_at IS NULL`, [email])
      await api.post(`/admin/marketing/contacts/${id}/consent`, { status: "granted" }, admin)
      return { id: id as string, email, anon }
    }

    /** The flow emails the contact (manual enrollment); returns the message and its mail's tracking URLs. */
    async function flowEmail(contact: { id: string; email: string }) {
      const before = mailsTo(contact.email).length
      await api.post(`/admin/marketing/flows/${flow.id}/enrollments`, { contact_id: contact.id }, admin)
      const mail = await waitFor(async () => mailsTo(contact.email)[before])
      const html = mail.parsed.html as string
      const hrefs = [...html.matchAll(/(?:href|src)="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"))
      const click = hrefs.find((h) => h.startsWith(`${PUBLIC_URL}/marketing/t/c/`))!.slice(PUBLIC_URL.length)
      const open = hrefs.find((h) => h.startsWith(`${PUBLIC_URL}/marketing/t/o/`))!.slice(PUBLIC_URL.length)
      const unsubscribe = rawHeader(mail.raw, "List-Unsubscribe")!.match(/<https:\/\/api\.shop\.test(\/marketing\/unsubscribe\/[^>]+)>/)![1]
      const messages = await db(`SELECT * FROM marketing_message WHERE contact_id = ? ORDER BY queued_at, id`, [contact.id])
      const message = messages[messages.length - 1]
      // Sent a while ago: a click seconds after sending would be taken for a link scanner.
      await db(`UPDATE marketing_message SET sent_at = now() - interval '30 days', queued_at = now() - interval '30 days' WHERE id = ?`, [message.id])
      return { message, click, open, unsubscribe }
    }

    /** A person's click or open through the email's real URL, then dated `ago` ms back. */
    async function touch(url: string, column: "clicked_at" | "opened_at", messageId: string, ago: number) {
      const res = await api.get(url, { headers: { "user-agent": BROWSER }, maxRedirects: 0, validateStatus: () => true })
      expect([200, 302, 303]).toContain(res.status)
      const [row] = await db(`SELECT ${column} FROM marketing_message WHERE id = ?`, [messageId])
      expect(row[column]).not.toBeNull()
      await db(`UPDATE marketing_message SET ${column} = ? WHERE id = ?`, [new Date(Date.now() - ago).toISOString(), messageId])
    }

    /** Completes a cart with Medusa's workflows: items, an optional promotion code, a payment session, completion. */
    async function buy(email: string, region: string, promo?: string): Promise<{ id: string }> {
      const container = getContainer()
      const { result: cart } = await createCartWorkflow(container).run({
        input: {
          region_id: region, email, sales_channel_id: shop.channel,
          items: [{ variant_id: shop.variant, quantity: 1, requires_shipping: false }],
        } as any,
      })
      if (promo) {
        await updateCartPromotionsWorkflow(container).run({ input: { cart_id: cart.id, promo_codes: [promo], action: "add" as any } })
      }
      await createPaymentCollectionForCartWorkflow(container).run({ input: { cart_id: cart.id } })
      const query = container.resolve(ContainerRegistrationKeys.QUERY)
      const { data } = await query.graph({ entity: "cart", fields: ["payment_collection.id"], filters: { id: cart.id } })
      await createPaymentSessionsWorkflow(container).run({
        input: { payment_collection_id: (data[0] as any).payment_collection.id, provider_id: "pp_system_default" },
      })
      const { result } = await completeCartWorkflow(container).run({ input: { id: cart.id } })
      return { id: result.id }
    }

    beforeAll(async () => {
      const container = getContainer()
      admin = await createAdminHeaders(container)
      pk = await createPublishableKey(container)
      const template = await api.post("/admin/marketing/templates", {
        name: "Offer", subject: "For {{contact.first_name}}", html: `<p>Hello</p><p><a href="https://shop.test/products/runner">Runner</a></p>`,
      }, admin)
      const templateId = template.data.template.id
      const definition: FlowDefinition = {
        trigger: { type: "manual" }, reentry: { policy: "every_time" }, start: "send",
        steps: { send: { type: "send_email", template_id: templateId, variants: [{ key: "a", weight: 50 }, { key: "b", weight: 50 }] } as any },
      }
      const created = await marketing().createFlows({ name: "Offer flow", status: "active", definition, version_count: 1, published_at: new Date() })
      const version = await marketing().createFlowVersions({
        flow_id: created.id, version: 1, definition, trigger_type: "manual", published_at: new Date(),
      })
      await marketing().updateFlows({ id: created.id, active_version_id: version.id })
      flow = { id: created.id, version_id: version.id }

      const { result: channels } = await createSalesChannelsWorkflow(container).run({ input: { salesChannelsData: [{ name: "Web" }] } })
      const { result: regions } = await createRegionsWorkflow(container).run({
        input: { regions: [
          { name: "Europe", currency_code: "eur", payment_providers: ["pp_system_default"] },
          { name: "America", currency_code: "usd", payment_providers: ["pp_system_default"] },
        ] },
      })
      const { result: products } = await createProductsWorkflow(container).run({
        input: { products: [{
          title: "Runner", status: "published", options: [{ title: "Size", values: ["42"] }],
          variants: [{ title: "42", options: { Size: "42" }, manage_inventory: false,
            prices: [{ amount: 60, currency_code: "eur" }, { amount: 70, currency_code: "usd" }] }],
          sales_channels: [{ id: channels[0].id }],
        }] },
      })
      shop = { channel: channels[0].id, eur: regions[0].id, usd: regions[1].id, variant: products[0].variants[0].id }
      await createPromotionsWorkflow(container).run({
        input: { promotionsData: [{
          code: "TENOFF", type: "standard", status: "active", is_automatic: false,
          application_method: { type: "fixed", target_type: "order", allocation: "across", value: 10, currency_code: "eur" },
        }] } as any,
      })
    })

    it("a flow's message carries its flow, version, step and variant; the click within 5 days wins over a later open", async () => {
      const ada = await subscriber("Ada")
      const first = await flowEmail(ada)
      const second = await flowEmail(ada)
      const [run] = await db(`SELECT variant FROM marketing_flow_step_run WHERE message_id = ?`, [first.message.id])
      expect(first.message).toMatchObject({ flow_id: flow.id, flow_version_id: flow.version_id, step_id: "send" })
      expect(["a", "b"]).toContain(first.message.variant)
      expect(run.variant).toBe(first.message.variant)

      await touch(first.click, "clicked_at", first.message.id, 4 * DAY)
      await touch(second.open, "opened_at", second.message.id, HOUR)
      const order = await buy(ada.email, shop.eur, "TENOFF")
      const row = await waitFor(() => attributionOf(order.id))
      expect(row).toMatchObject({
        kind: "order", message_id: first.message.id, flow_id: flow.id, flow_version_id: flow.version_id, step_id: "send",
        variant: first.message.variant, touch: "click", currency_code: "eur", first_order: true, withdrawn_at: null,
        event_id: null,
      })
      // The order's guest customer took Ada's contact over (stitching by email): the row names the live contact.
      const [live] = await db(`SELECT COALESCE(merged_into_id, id) AS id FROM marketing_contact WHERE id = ?`, [ada.id])
      expect(row.contact_id).toBe(live.id)
      expect(Number(row.amount)).toBe(50)
      expect(Number(row.discount_amount)).toBe(10)
      expect(row.raw_amount).toEqual({ value: "50", precision: 20 })

      // The same customer again: not a first order; a redelivered order.placed writes nothing more.
      const again = await buy(ada.email, shop.eur)
      const next = await waitFor(() => attributionOf(again.id))
      expect(next).toMatchObject({ first_order: false, touch: "click", message_id: first.message.id })
      expect(Number(next.discount_amount)).toBe(0)
      await getContainer().resolve(Modules.EVENT_BUS).emit({ name: "order.placed", data: { id: order.id } })
      await new Promise((r) => setTimeout(r, 1500))
      expect(await db(`SELECT id FROM marketing_attribution WHERE order_id = ?`, [order.id])).toHaveLength(1)

      // Canceled through Medusa: the attribution is withdrawn, not deleted.
      await cancelOrderWorkflow(getContainer()).run({ input: { order_id: again.id } })
      await waitFor(async () => (await attributionOf(again.id))?.withdrawn_at)
    })

    it("a click older than 5 days does not count; an open within 1 day does; an open older than that neither", async () => {
      const bea = await subscriber("Bea")
      const old = await flowEmail(bea)
      const recent = await flowEmail(bea)
      await touch(old.click, "clicked_at", old.message.id, 6 * DAY)
      await touch(recent.open, "opened_at", recent.message.id, 20 * HOUR)
      const order = await buy(bea.email, shop.eur)
      expect(await waitFor(() => attributionOf(order.id))).toMatchObject({ touch: "open", message_id: recent.message.id, first_order: true })

      const cid = await subscriber("Cid")
      const stale = await flowEmail(cid)
      await touch(stale.click, "clicked_at", stale.message.id, 6 * DAY)
      await touch(stale.open, "opened_at", stale.message.id, 2 * DAY)
      const unattributed = await buy(cid.email, shop.eur)
      await waitFor(async () =>
        (await db(`SELECT id FROM marketing_event WHERE type = 'order_placed' AND properties->>'order_id' = ?`, [unattributed.id]))[0]
      )
      await new Promise((r) => setTimeout(r, 1500))
      expect(await attributionOf(unattributed.id)).toBeUndefined()
    })

    it("keeps currencies apart: orders in the USD and EUR regions are credited each in its own currency", async () => {
      const dan = await subscriber("Dan")
      const mail = await flowEmail(dan)
      await touch(mail.click, "clicked_at", mail.message.id, DAY)
      const order = await buy(dan.email, shop.usd)
      const row = await waitFor(() => attributionOf(order.id))
      expect(row).toMatchObject({ currency_code: "usd", touch: "click" })
      expect(Number(row.amount)).toBe(70)
      const eur = await buy(dan.email, shop.eur)
      expect(await waitFor(() => attributionOf(eur.id))).toMatchObject({ currency_code: "eur", first_order: false })
      const totals = await db(
        `SELECT currency_code, sum(amount)::float AS amount FROM marketing_attribution WHERE kind = 'order' AND withdrawn_at IS NULL GROUP BY currency_code ORDER BY currency_code`
      )
      expect(totals).toEqual([{ currency_code: "eur", amount: 60 }, { currency_code: "usd", amount: 70 }])
    })

    it("appointments: a booking tool's secret API key records appointment_booked, credited like an order; 401 without it, 400 writing nothing", async () => {
      const eve = await subscriber("Eve")
      const mail = await flowEmail(eve)
      await touch(mail.click, "clicked_at", mail.message.id, 2 * DAY)
      const key = await api.post("/admin/api-keys", { title: "Booking tool", type: "secret" }, admin)
      const basic = { headers: { authorization: `Basic ${Buffer.from(`${key.data.api_key.token}:`).toString("base64")}` } }
      const events = async () => (await db(`SELECT count(*)::int AS n FROM marketing_event WHERE type = 'appointment_booked'`))[0].n

      const before = await events()
      const anonymous = await api.post("/admin/marketing/events", { type: "appointment_booked", email: eve.email }, { validateStatus: () => true })
      expect(anonymous.status).toBe(401)
      for (const [body, field] of [
        [{ type: "appointment_booked" }, "contact_id"],
        [{ type: "meeting", email: eve.email }, "type"],
        [{ type: "appointment_booked", email: "not-an-email" }, "email"],
        [{ type: "appointment_booked", email: "nobody@example.com" }, "email"],
        [{ type: "appointment_booked", contact_id: "mcon_missing" }, "contact_id"],
        [{ type: "appointment_booked", email: eve.email, occurred_at: "yesterday" }, "occurred_at"],
      ] as const) {
        const res = await api.post("/admin/marketing/events", body, { ...basic, validateStatus: () => true })
        expect(res.status).toBe(400)
        expect(res.data.message).toContain(`${field}:`)
      }
      expect(await events()).toBe(before)

      const booked = await api.post("/admin/marketing/events", { type: "appointment_booked", email: eve.email, properties: { kind: "showroom" } }, basic)
      expect(booked.data).toMatchObject({ recorded: 1, contact_id: eve.id })
      const row = await waitFor(async () => (await db(`SELECT * FROM marketing_attribution WHERE event_id = ?`, [booked.data.event_id]))[0])
      expect(row).toMatchObject({ kind: "appointment", order_id: null, amount: null, touch: "click", message_id: mail.message.id, flow_id: flow.id, contact_id: eve.id })

      // The storefront sends it too, as a built-in event type.
      const fay = await subscriber("Fay")
      const fmail = await flowEmail(fay)
      await touch(fmail.open, "opened_at", fmail.message.id, 3 * HOUR)
      const sent = await api.post("/store/marketing/events", { events: [{ type: "appointment_booked", anonymous_id: fay.anon, properties: { kind: "call" } }] }, storeHeaders(pk))
      expect(sent.data.recorded).toBe(1)
      await waitFor(async () => (await db(`SELECT * FROM marketing_attribution WHERE kind = 'appointment' AND contact_id = ? AND touch = 'open'`, [fay.id]))[0])
    })

    it("a message's unsubscribe link sets its unsubscribed_at (and only its)", async () => {
      const gus = await subscriber("Gus")
      const kept = await flowEmail(gus)
      const used = await flowEmail(gus)
      const res = await api.post(used.unsubscribe, "List-Unsubscribe=One-Click", {
        headers: { "content-type": "application/x-www-form-urlencoded" }, validateStatus: () => true,
      })
      expect(res.status).toBe(200)
      const rows = await db(`SELECT id, unsubscribed_at FROM marketing_message WHERE id IN (?, ?)`, [kept.message.id, used.message.id])
      expect(rows.find((r: any) => r.id === used.message.id).unsubscribed_at).not.toBeNull()
      expect(rows.find((r: any) => r.id === kept.message.id).unsubscribed_at).toBeNull()
    })

    it("provider feedback naming a message: a soft bounce sets its soft_bounced_at, an unsubscribe its unsubscribed_at", async () => {
      const hal = await subscriber("Hal")
      const soft = await flowEmail(hal)
      const unsub = await flowEmail(hal)
      const body = JSON.stringify({ events: [
        { type: "bounce", hard: false, email: hal.email, message_id: soft.message.id, reason: "452 mailbox full" },
        { type: "unsubscribe", email: hal.email, message_id: unsub.message.id },
      ] })
      const ts = String(Math.floor(Date.now() / 1000))
      const res = await api.post("/marketing/webhooks/email/smtp", body, {
        headers: { "content-type": "application/json", "x-marketing-timestamp": ts, "x-marketing-signature": signFeedback(SECRET, ts, body) },
      })
      expect(res.data).toEqual({ received: 2, applied: 2 })
      const rows = await db(`SELECT id, status, error, soft_bounced_at, unsubscribed_at FROM marketing_message WHERE id IN (?, ?)`, [soft.message.id, unsub.message.id])
      const byId = new Map(rows.map((r: any) => [r.id, r]))
      expect(byId.get(soft.message.id)).toMatchObject({ status: "sent", error: "452 mailbox full", unsubscribed_at: null })
      expect(byId.get(soft.message.id).soft_bounced_at).not.toBeNull()
      expect(byId.get(unsub.message.id)).toMatchObject({ status: "sent", soft_bounced_at: null })
      expect(byId.get(unsub.message.id).unsubscribed_at).not.toBeNull()
    })
  },
})
