/**
 * The action steps of nurturing flows on the real app (the SMTP test app, so
 * team emails land in a real SMTP sink): each runs through the plugin's
 * `run-flow-action` workflow, by name on the app's engine, and the effect is
 * checked in Medusa. The spec plays the engine where the steps read what it
 * recorded: `record` writes the step run as the engine would (one row per
 * idempotency key, updated when a held run is run again).
 */
import { Modules } from "@medusajs/framework/utils"
import { marketingTestRunner } from "../runner"
import { createHash, randomUUID } from "crypto"
import http from "http"
import { AddressInfo } from "net"
import path from "path"
import { verifyWebhookSignature } from "../../src/modules/marketing/flows/actions/signature"
import { createAdminHeaders, createShopFixture, runWorkflow, sql, storeHeaders, waitFor } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"

jest.setTimeout(240000)

const APP_DIR = path.join(__dirname, "../app-smtp")
const NOW = "2026-12-05T10:00:00.000Z"

const received = useTestSmtpServer()
const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))

/** A receiver on loopback: answers each request with the next scripted status (200 when the script is spent). */
type Delivery = { path: string; headers: http.IncomingHttpHeaders; body: string }
const deliveries: Delivery[] = []
const scripts = new Map<string, number[]>()
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = []
  req.on("data", (c) => chunks.push(c))
  req.on("end", () => {
    deliveries.push({ path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString("utf8") })
    const status = scripts.get(req.url!)?.shift() ?? 200
    res.writeHead(status).end()
  })
})
let receiverUrl = ""

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", () => resolve()))
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`
  process.env.MMA_FLOWS_TEST_OPTIONS = JSON.stringify({ webhooks: { allowPrivateAddresses: true } })
})

afterAll(async () => {
  delete process.env.MMA_FLOWS_TEST_OPTIONS
  await new Promise<void>((resolve) => receiver.close(() => resolve()))
})

marketingTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer }) => {
    const db = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const flowId = `mflw_${randomUUID().slice(0, 8)}`

    /** One run of an action step, through the app's own engine. */
    async function runAction(step: any, over: Partial<Record<string, any>> = {}): Promise<{ input: any; result: any }> {
      const input = {
        enrollment_id: `mfen_${randomUUID().slice(0, 8)}`,
        flow_id: flowId,
        flow_version_id: "mflv_test",
        flow_name: "Welcome series",
        step_id: step.type,
        step,
        context: { cart_id: "cart_test" },
        idempotency_key: `key-${randomUUID()}`,
        now: NOW,
        ...over,
      }
      return { input, result: await runWorkflow(getContainer(), "run-flow-action", input) }
    }

    let started = 0
    /** What the engine does with a result: the step run's row, one per key. */
    async function record(input: any, result: any) {
      started += 1
      const at = new Date(Date.parse(NOW) + started * 1000).toISOString()
      await db(
        `INSERT INTO marketing_flow_step_run (id, enrollment_id, flow_id, flow_version_id, contact_id, step_id, step_type,
           outcome, reason, message_id, idempotency_key, data, started_at, finished_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), now())
         ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO UPDATE SET outcome = excluded.outcome,
           reason = excluded.reason, data = excluded.data, finished_at = excluded.finished_at`,
        [`mfsr_${randomUUID().slice(0, 12)}`, input.enrollment_id, input.flow_id, input.flow_version_id, input.contact_id,
          input.step_id, input.step.type, result.outcome, result.reason ?? null, result.message_id ?? null,
          input.idempotency_key, JSON.stringify(result.data ?? null), at, at]
      )
    }

    async function contact(fields: Record<string, unknown> = {}): Promise<string> {
      const marketing = getContainer().resolve("marketing") as any
      const made = await marketing.createContacts({
        email: `c-${randomUUID().slice(0, 8)}@example.com`,
        first_name: "Grace",
        first_seen_at: new Date(NOW),
        last_seen_at: new Date(NOW),
        ...fields,
      })
      return made.id
    }

    async function customerContact(): Promise<{ contactId: string; customerId: string }> {
      const email = `cust-${randomUUID().slice(0, 8)}@example.com`
      const customer = await getContainer().resolve(Modules.CUSTOMER).createCustomers({ email, first_name: "Grace" })
      return { customerId: customer.id, contactId: await contact({ email, customer_id: customer.id }) }
    }

    // Store fixtures: the runner restores the database before each test to what it was after the top-level beforeAll.
    let pk: string
    let regionId: string
    let variantId: string

    beforeAll(async () => {
      const container = getContainer()
      ;({ pk, regionId, variantId } = await createShopFixture(container))
    })

    describe("customer_group", () => {
      it("adds the contact's customer once, removes it, and skips a contact without a customer", async () => {
        const customers = getContainer().resolve(Modules.CUSTOMER)
        const group = await customers.createCustomerGroups({ name: `VIP ${randomUUID().slice(0, 6)}` })
        const { contactId, customerId } = await customerContact()
        const links = async () =>
          (await db(`SELECT id FROM customer_group_customer WHERE customer_group_id = ? AND deleted_at IS NULL`, [group.id]))
            .length

        const step = { type: "customer_group", action: "add", customer_group_id: group.id }
        const first = await runAction(step, { contact_id: contactId })
        expect(first.result).toMatchObject({ outcome: "completed", data: { customer_id: customerId, changed: true } })
        const again = await runAction(step, { contact_id: contactId, idempotency_key: first.input.idempotency_key })
        expect(again.result).toMatchObject({ outcome: "completed", data: { changed: false } })
        expect(await links()).toBe(1)
        const [inGroup] = await customers.listCustomers({ id: customerId }, { relations: ["groups"] })
        expect(inGroup.groups!.map((g) => g.id)).toEqual([group.id])

        const removed = await runAction({ ...step, action: "remove" }, { contact_id: contactId })
        expect(removed.result).toMatchObject({ outcome: "completed", data: { changed: true } })
        expect(await links()).toBe(0)

        const guest = await runAction(step, { contact_id: await contact() })
        expect(guest.result).toEqual({ outcome: "skipped", reason: "no_customer" })
      })
    })

    describe("create_discount", () => {
      /** A storefront cart with one 60 EUR item and the code applied through Medusa's store API. */
      async function cartWithCode(code: string) {
        const { data } = await api.post("/store/carts", { region_id: regionId }, storeHeaders(pk))
        await api.post(`/store/carts/${data.cart.id}/line-items`, { variant_id: variantId, quantity: 1 }, storeHeaders(pk))
        const applied = await api.post(`/store/carts/${data.cart.id}/promotions`, { promo_codes: [code] }, storeHeaders(pk))
        return applied.data.cart
      }

      it("makes one single-use code per key that expires and discounts a cart", async () => {
        const step = { type: "create_discount", kind: "percentage", value: 10, expires_in_days: 7, min_subtotal: 50 }
        const contactId = await contact()
        const first = await runAction(step, { contact_id: contactId })
        const discount = first.result.context_patch.discount
        expect(first.result).toMatchObject({ outcome: "completed", data: { created: true } })
        expect(discount.code).toMatch(/^MA-[2-9A-Z]{12}$/)
        expect(discount.expires_at).toBe("2026-12-12T10:00:00.000Z")

        const again = await runAction(step, { contact_id: contactId, idempotency_key: first.input.idempotency_key })
        expect(again.result.context_patch.discount).toEqual(discount)
        expect(again.result.data.created).toBe(false)

        const promotions = await getContainer()
          .resolve(Modules.PROMOTION)
          .listPromotions({ code: discount.code }, { relations: ["campaign", "application_method", "rules", "rules.values"] })
        expect(promotions).toHaveLength(1)
        const [promotion] = promotions as any[]
        expect(promotion).toMatchObject({ id: discount.promotion_id, limit: 1, used: 0, status: "active", is_automatic: false })
        expect(promotion.application_method).toMatchObject({ type: "percentage", target_type: "order", value: 10 })
        expect(new Date(promotion.campaign.ends_at).toISOString()).toBe(discount.expires_at)
        expect(promotion.rules.map((r: any) => [r.attribute, r.operator, r.values.map((v: any) => v.value)])).toEqual([
          ["item_subtotal", "gte", ["50"]],
        ])
        expect(promotion.metadata).toMatchObject({ idempotency_key: first.input.idempotency_key, marketing_contact_id: contactId })

        const cart = await cartWithCode(discount.code)
        expect(cart.promotions.map((p: any) => p.code)).toEqual([discount.code])
        expect(cart.discount_total).toBe(6)
        expect(cart.total).toBe(54)

        // Single use: once an order used it (as cart completion registers it), no other cart gets it.
        const promotionModule = getContainer().resolve(Modules.PROMOTION)
        const usage = { customer_id: null, customer_email: null } as any
        await promotionModule.registerUsage([{ amount: 6, code: discount.code }], usage)
        await expect(promotionModule.registerUsage([{ amount: 6, code: discount.code }], usage)).rejects.toThrow(
          "Promotion usage exceeds the limit."
        )
        const second = await cartWithCode(discount.code)
        expect(second.discount_total).toBe(0)
        expect(second.promotions).toEqual([])
      })

      it("makes a fixed amount off, and no discount below the minimum subtotal", async () => {
        const fixed = await runAction(
          { type: "create_discount", kind: "fixed", value: 5, currency_code: "EUR", expires_in_days: 3 },
          { contact_id: await contact() }
        )
        const cart = await cartWithCode(fixed.result.context_patch.discount.code)
        expect(cart.discount_total).toBe(5)

        const high = await runAction(
          { type: "create_discount", kind: "percentage", value: 20, expires_in_days: 3, min_subtotal: 100 },
          { contact_id: await contact() }
        )
        const code = high.result.context_patch.discount.code
        // Medusa leaves a code whose rules the cart does not meet off the cart, without an error.
        const below = await cartWithCode(code)
        expect(below.promotions).toEqual([])
        expect(below.discount_total).toBe(0)

        // Made with the engine's clock two weeks back, expired a week and a half ago: Medusa no longer applies it.
        const expired = await runAction(
          { type: "create_discount", kind: "percentage", value: 20, expires_in_days: 3 },
          { contact_id: await contact(), now: new Date(Date.now() - 14 * 86_400_000).toISOString() }
        )
        const late = await cartWithCode(expired.result.context_patch.discount.code)
        expect(late.discount_total).toBe(0)

        const invalid = await runAction(
          { type: "create_discount", kind: "fixed", value: 5, expires_in_days: 3 },
          { contact_id: await contact() }
        )
        expect(invalid.result).toEqual({ outcome: "failed", reason: "currency_code: required for a fixed amount" })
      })
    })

    describe("webhook", () => {
      it("posts a signed delivery, is held after a 500, succeeds on the retry, and never delivers a key twice", async () => {
        scripts.set("/crm", [500])
        // A national-format phone, read in the contact's country: the payload carries the hashes ad platforms match by.
        const contactId = await contact({ email: "hook@example.com", phone: "06 12 34 56 78", country_code: "fr" })
        const step = { type: "webhook", url: `${receiverUrl}/crm`, secret: "whsec-test" }
        const first = await runAction(step, { contact_id: contactId })
        expect(first.result).toMatchObject({
          outcome: "held",
          reason: "HTTP 500",
          retry_at: "2026-12-05T10:01:00.000Z",
          data: { status: 500, attempt: 1 },
        })
        await record(first.input, first.result)

        const retry = await runAction(step, { ...first.input })
        expect(retry.result).toMatchObject({ outcome: "completed", data: { status: 200, attempt: 2 } })
        await record(retry.input, retry.result)
        const replay = await runAction(step, { ...first.input })
        expect(replay.result).toMatchObject({ outcome: "completed", data: { status: 200, replayed: true } })

        const got = deliveries.filter((d) => d.path === "/crm")
        expect(got).toHaveLength(2)
        const last = got[1]
        expect(last.headers["idempotency-key"]).toBe(first.input.idempotency_key)
        expect(verifyWebhookSignature("whsec-test", last.headers["x-marketing-signature"] as string, last.body, Date.now() / 1000 | 0)).toBe(true)
        expect(verifyWebhookSignature("wrong", last.headers["x-marketing-signature"] as string, last.body, Date.now() / 1000 | 0)).toBe(false)
        expect(JSON.parse(last.body)).toEqual({
          type: "marketing.flow.webhook",
          occurred_at: NOW,
          contact: {
            id: contactId,
            email: "hook@example.com",
            email_sha256: createHash("sha256").update("hook@example.com").digest("hex"),
            phone_sha256: createHash("sha256").update("+33612345678").digest("hex"),
            phone_digits_sha256: createHash("sha256").update("33612345678").digest("hex"),
          },
          flow: { id: flowId, version_id: "mflv_test", name: "Welcome series" },
          step: { id: "webhook", name: null },
          enrollment: { id: first.input.enrollment_id, context: { cart_id: "cart_test" } },
        })
      })

      it("fails when the attempt budget is spent, and at once on a 4xx", async () => {
        scripts.set("/down", [500, 503, 500, 502, 500])
        const step = { type: "webhook", url: `${receiverUrl}/down`, secret: "whsec-test", timeout_ms: 2000 }
        const input = { contact_id: await contact() }
        const first = await runAction(step, input)
        let result = first.result
        for (let attempt = 1; attempt < 5; attempt++) {
          expect(result).toMatchObject({ outcome: "held", data: { attempt } })
          await record(first.input, result)
          result = (await runAction(step, { ...first.input })).result
        }
        expect(result).toMatchObject({ outcome: "failed", reason: "HTTP 500 (after 5 attempts)" })
        expect(deliveries.filter((d) => d.path === "/down")).toHaveLength(5)

        scripts.set("/gone", [410])
        const gone = await runAction({ ...step, url: `${receiverUrl}/gone` }, { contact_id: await contact() })
        expect(gone.result).toMatchObject({ outcome: "failed", reason: "HTTP 410", data: { status: 410 } })
      })
    })

    describe("notify_team", () => {
      it("notifies the admin feed and emails the team address once per key", async () => {
        const contactId = await contact({ email: "lead@example.com", first_name: "Lin", last_name: "Ho" })
        const step = { type: "notify_team", name: "Tell sales", email: "team@example.com", message: "Call them today" }
        const first = await runAction(step, { contact_id: contactId })
        expect(first.result).toMatchObject({ outcome: "completed", data: { feed: true, to: "team@example.com" } })
        await runAction(step, { contact_id: contactId, idempotency_key: first.input.idempotency_key })

        const mail = await waitFor(async () => mailsTo("team@example.com")[0])
        expect(mail.parsed.subject).toBe("Welcome series: Lin Ho")
        expect(mail.parsed.text).toContain("Call them today")
        expect(mail.parsed.text).toContain("Lin Ho (lead@example.com)")
        await new Promise((r) => setTimeout(r, 500))
        expect(mailsTo("team@example.com")).toHaveLength(1)
        const messages = await db(`SELECT id, kind FROM marketing_message WHERE idempotency_key = ?`, [
          `${first.input.idempotency_key}:team-email`,
        ])
        expect(messages).toEqual([{ id: first.result.message_id, kind: "transactional" }])

        const feed = await getContainer()
          .resolve(Modules.NOTIFICATION)
          .listNotifications({ idempotency_key: `${first.input.idempotency_key}:feed` } as any)
        expect(feed).toHaveLength(1)
        expect(feed[0]).toMatchObject({ channel: "feed", data: { contact_id: contactId, message: "Call them today" } })
      })

      it("emails the contact's owner with to_owner", async () => {
        const owner = await getContainer().resolve(Modules.USER).createUsers({ email: "owner-ann@example.com" })
        const contactId = await contact({ owner_user_id: owner.id })
        const { result } = await runAction({ type: "notify_team", to_owner: true }, { contact_id: contactId })
        expect(result).toMatchObject({ outcome: "completed", data: { to: "owner-ann@example.com", to_owner: true } })
        await waitFor(async () => mailsTo("owner-ann@example.com")[0])
      })
    })

    describe("assign_owner", () => {
      it("goes round the users, gives the first when fixed, and keeps a key's owner", async () => {
        const users = getContainer().resolve(Modules.USER)
        const [u1, u2] = await users.createUsers([{ email: "rep-1@example.com" }, { email: "rep-2@example.com" }])
        const step = { type: "assign_owner", mode: "round_robin", user_ids: [u1.id, u2.id, "user_gone"] }
        const owners: string[] = []
        const contactsAssigned: string[] = []
        let firstRun: any
        for (let i = 0; i < 3; i++) {
          const run = await runAction(step, { contact_id: await contact(), step_id: "rr" })
          firstRun ??= run
          await record(run.input, run.result)
          owners.push(run.result.data.owner_user_id)
          contactsAssigned.push(run.input.contact_id)
          const [row] = await db(`SELECT owner_user_id FROM marketing_contact WHERE id = ?`, [run.input.contact_id])
          expect(row.owner_user_id).toBe(run.result.data.owner_user_id)
        }
        expect(owners).toEqual([u1.id, u2.id, u1.id])

        // The admin's contact list filters by owner.
        const admin = await createAdminHeaders(getContainer())
        const owned = await api.get(`/admin/marketing/contacts?owner_user_id=${u2.id}`, admin)
        expect(owned.data.contacts.map((c: any) => [c.id, c.owner_user_id])).toEqual([[contactsAssigned[1], u2.id]])
        const mine = await api.get(`/admin/marketing/contacts?owner_user_id=${u1.id}`, admin)
        expect(mine.data.count).toBe(2)

        const replay = await runAction(step, { ...firstRun.input })
        expect(replay.result).toMatchObject({ outcome: "completed", data: { owner_user_id: u1.id, replayed: true } })

        const fixed = await runAction({ ...step, mode: "fixed", user_ids: [u2.id, u1.id] }, { contact_id: await contact(), step_id: "fx" })
        expect(fixed.result.data.owner_user_id).toBe(u2.id)
      })

      it("goes round in turn when runners assign at once", async () => {
        const users = getContainer().resolve(Modules.USER)
        const [a, b] = await users.createUsers([{ email: "rep-a@example.com" }, { email: "rep-b@example.com" }])
        const step = { type: "assign_owner", mode: "round_robin", user_ids: [a.id, b.id] }
        const contacts = await Promise.all(Array.from({ length: 8 }, () => contact()))
        // Eight runs at once, none recorded yet: each still takes a turn of its own.
        const runs = await Promise.all(contacts.map((contact_id) => runAction(step, { contact_id, step_id: "rr-race" })))
        const owners = runs.map((run) => run.result.data.owner_user_id)
        expect(owners.filter((id) => id === a.id)).toHaveLength(4)
        expect(owners.filter((id) => id === b.id)).toHaveLength(4)
        const [turns] = await db(`SELECT assigned FROM marketing_flow_round_robin WHERE flow_id = ? AND step_id = 'rr-race'`, [flowId])
        expect(turns.assigned).toBe(8)
      })
    })
  },
})
