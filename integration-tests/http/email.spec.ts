/**
 * Sending marketing email end to end: the real app with the plugin and its
 * SMTP provider, a real SMTP server on loopback, mail parsed with mailparser.
 * Covers the headers (RFC 8058), signed link rewriting, the pixel and click
 * routes, suppression, retries after a transient failure, unsubscribe and
 * preferences pages, double opt-in, bounces through both webhooks, and test
 * sends.
 */
import { Modules } from "@medusajs/framework/utils"
import { marketingTestRunner } from "../runner"
import { generateKeyPairSync, sign as signData } from "crypto"
import path from "path"
import { signToken, verifyToken } from "../../src/modules/marketing/email/tokens"
import { signFeedback } from "../../src/modules/marketing/email/webhooks/signed-json"
import {
  createAdminHeaders, createPublishableKey, storeHeaders, waitFor, rawHeader, runWorkflow } from "../helpers"
import { useTestSmtpServer } from "../smtp-server"

jest.setTimeout(240000)

const APP_DIR = path.join(__dirname, "../app-smtp")
const SECRET = "email-test-secret-0123456789"
const PUBLIC_URL = "https://api.shop.test"
const BROWSER_UA = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15"

// SendGrid signs its webhook with ECDSA P-256; the test plays SendGrid with its own key.
const sendgrid = generateKeyPairSync("ec", { namedCurve: "prime256v1" })
const SENDGRID_PUBLIC_KEY = sendgrid.publicKey.export({ format: "der", type: "spki" }).toString("base64")

const received = useTestSmtpServer()

const mailsTo = (email: string) => received.filter((r) => r.envelope.to.includes(email))

/** The path of a link to this server (the app runs on another port than PUBLIC_URL says). */
const pathOf = (url: string) => url.slice(PUBLIC_URL.length)

beforeAll(async () => {
  process.env.MMA_EMAIL_TEST_OPTIONS = JSON.stringify({
    secret: SECRET,
    publicUrl: PUBLIC_URL,
    storefrontUrl: "https://shop.test",
    unsubscribeMailto: "unsubscribe@shop.test",
    doubleOptIn: true,
    retry: { maxAttempts: 3, baseDelaySeconds: 60 },
    webhooks: { sendgridPublicKey: SENDGRID_PUBLIC_KEY },
  })
})

afterAll(async () => {
  delete process.env.MMA_EMAIL_TEST_OPTIONS
})

marketingTestRunner({
  cwd: APP_DIR,
  testSuite: ({ api, getContainer, dbConnection }) => {
    let admin: { headers: Record<string, string> }
    let pk: string
    let templateId: string

    const db = () => dbConnection as unknown as { raw: (sql: string, params?: unknown[]) => Promise<{ rows: any[] }> }
    const run = (workflow: string, input: unknown) => runWorkflow(getContainer(), workflow, input)
    const send = async (messages: any[], now?: string) => (await run("send-marketing-email", { messages, now })).messages
    const dispatch = async (now: string) => await run("dispatch-marketing-email", { now })

    /** A contact who signed up on the storefront, with consent recorded by the admin (no double opt-in). */
    async function subscriber(email: string, firstName: string, consent = true): Promise<string> {
      const anon = `anon-${email.replace(/[^a-z0-9]/gi, "")}`.slice(0, 60)
      await api.post(
        "/store/marketing/events",
        { events: [{ type: "identify", anonymous_id: anon, properties: { email, first_name: firstName } }] },
        storeHeaders(pk)
      )
      const { rows } = await db().raw(`SELECT id FROM marketing_contact WHERE email = ? AND deleted_at IS NULL`, [email])
      const id = rows[0].id
      if (consent) {
        await api.post(`/admin/marketing/contacts/${id}/consent`, { status: "granted" }, admin)
      }
      return id
    }

    beforeAll(async () => {
      admin = await createAdminHeaders(getContainer())
      pk = await createPublishableKey(getContainer())
      const template = await api.post(
        "/admin/marketing/templates",
        {
          name: "Spring sale",
          subject: "Hello {{default contact.first_name \"there\"}}",
          html: `<p>Hi {{contact.first_name}}!</p><p><a href="https://shop.test/products/rain-jacket?utm_source=email&amp;x=1">Rain jacket</a> <a href="mailto:help@shop.test">Help</a></p>{{#each products}}<p>{{title}}</p>{{/each}}`,
          text: "Hi {{contact.first_name}}! https://shop.test/products/rain-jacket",
        },
        admin
      )
      templateId = template.data.template.id
    })

    describe("sending marketing email", () => {
      it("arrives with RFC 8058 headers, signed rewritten links, an open pixel, and escaped names", async () => {
        const contactId = await subscriber("ada@example.com", "<script>alert(1)</script>Ada")
        const [message] = await send([{ template_id: templateId, contact_id: contactId, topic: "newsletter" }])
        expect(message).toMatchObject({ status: "sent", email: "ada@example.com", attempts: 1, kind: "marketing" })
        expect(message.provider_message_id).toBe(`<${message.id}@example.com>`)

        const mail = await waitFor(async () => mailsTo("ada@example.com")[0])
        const html = mail.parsed.html as string
        // Escaped by default: the name arrives as text, never as markup.
        expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;Ada")
        expect(html).not.toContain("<script>")
        expect(mail.parsed.subject).toBe("Hello <script>alert(1)</script>Ada")

        // RFC 8058: an https one-click URL and a mailto, and the One-Click POST marker.
        const listUnsubscribe = rawHeader(mail.raw, "List-Unsubscribe")!
        expect(listUnsubscribe).toMatch(/^<https:\/\/api\.shop\.test\/marketing\/unsubscribe\/[^>]+>, <mailto:unsubscribe@shop\.test\?subject=unsubscribe>$/)
        expect(rawHeader(mail.raw, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click")
        expect(rawHeader(mail.raw, "X-Marketing-Message-Id")).toBe(message.id)
        const unsubscribeToken = listUnsubscribe.match(/unsubscribe\/([^>]+)>/)![1]
        expect(verifyToken("unsubscribe", unsubscribeToken, SECRET)).toEqual({ m: message.id, c: contactId })

        // Every web link goes through the click route with a signed token carrying the target.
        const hrefs = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1].replace(/&amp;/g, "&"))
        const web = hrefs.filter((h) => h.startsWith("http"))
        const clicks = web.filter((h) => h.startsWith(`${PUBLIC_URL}/marketing/t/c/`))
        const direct = web.filter((h) => !h.startsWith(`${PUBLIC_URL}/marketing/t/c/`))
        expect(clicks.length).toBeGreaterThanOrEqual(1)
        // Only the footer's unsubscribe and preferences links stay direct (they must work without tracking).
        expect(direct.every((h) => /\/marketing\/(unsubscribe|preferences)\//.test(h))).toBe(true)
        expect(direct.length).toBe(2)
        const targets = clicks.map((h) => verifyToken("click", h.split("/marketing/t/c/")[1], SECRET))
        expect(targets).toContainEqual({ m: message.id, u: "https://shop.test/products/rain-jacket?utm_source=email&x=1" })
        expect(hrefs).toContain("mailto:help@shop.test")
        // The pixel.
        const pixel = html.match(/<img src="(https:\/\/api\.shop\.test\/marketing\/t\/o\/[^"]+)"/)![1]
        expect(verifyToken("open", pixel.split("/marketing/t/o/")[1], SECRET)).toEqual({ m: message.id })
      })

      it("records opens and clicks as events, flags machine opens, and 404s tampered tokens without redirecting", async () => {
        const contactId = await subscriber("grace@example.com", "Grace")
        const [message] = await send([{ template_id: templateId, contact_id: contactId }])
        const mail = await waitFor(async () => mailsTo("grace@example.com")[0])
        const html = mail.parsed.html as string
        const pixel = pathOf(html.match(/<img src="(https:\/\/api\.shop\.test\/marketing\/t\/o\/[^"]+)"/)![1])
        const click = pathOf(
          [...html.matchAll(/href="(https:\/\/api\.shop\.test\/marketing\/t\/c\/[^"]+)"/g)]
            .map((m) => m[1])
            .find((url) => verifyToken("click", url.split("/marketing/t/c/")[1], SECRET)?.u?.includes("rain-jacket"))!
        )

        // Apple Mail Privacy Protection style: an open seconds after sending is a prefetch.
        const early = await api.get(pixel, { headers: { "user-agent": BROWSER_UA } })
        expect(early.status).toBe(200)
        expect(early.headers["content-type"]).toBe("image/gif")
        // A person an hour later (the message's send time is moved back instead of sleeping).
        await db().raw(`UPDATE marketing_message SET sent_at = now() - interval '1 hour' WHERE id = ?`, [message.id])
        await api.get(pixel, { headers: { "user-agent": BROWSER_UA } })
        await api.get(pixel, { headers: { "user-agent": "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)" } })
        const redirect = await api.get(click, { headers: { "user-agent": BROWSER_UA }, maxRedirects: 0, validateStatus: () => true })
        expect(redirect.status).toBe(302)
        expect(redirect.headers.location).toBe("https://shop.test/products/rain-jacket?utm_source=email&x=1")

        const { rows: [counts] } = await db().raw(
          `SELECT open_count, machine_open_count, click_count, opened_at IS NOT NULL AS opened, clicked_at IS NOT NULL AS clicked
             FROM marketing_message WHERE id = ?`,
          [message.id]
        )
        expect(counts).toEqual({ open_count: 1, machine_open_count: 2, click_count: 1, opened: true, clicked: true })
        const { rows: events } = await db().raw(
          `SELECT type, properties FROM marketing_event WHERE contact_id = ? AND source = 'email' ORDER BY occurred_at, type`,
          [contactId]
        )
        expect(events.map((e) => e.type).sort()).toEqual(["email_clicked", "email_opened"])
        expect(events.find((e) => e.type === "email_clicked").properties).toMatchObject({
          message_id: message.id,
          template: templateId,
          url: "https://shop.test/products/rain-jacket?utm_source=email&x=1",
        })

        // Tampering: another target under the same signature, a flipped signature, garbage, a foreign secret.
        const token = click.split("/marketing/t/c/")[1]
        const [body, signature] = token.split(".")
        const payload = JSON.parse(Buffer.from(body, "base64url").toString())
        const evilBody = Buffer.from(JSON.stringify({ ...payload, u: "https://evil.example/phish" })).toString("base64url")
        const flipped = signature.slice(0, -2) + (signature.endsWith("A") ? "BB" : "AA")
        const attempts = [
          `/marketing/t/c/${evilBody}.${signature}`,
          `/marketing/t/c/${body}.${flipped}`,
          `/marketing/t/c/not-a-token`,
          `/marketing/t/c/${signToken("click", { m: message.id, u: "https://evil.example/" }, "another-secret-0123456789")}`,
          // Signed, but for a message that does not exist.
          `/marketing/t/c/${signToken("click", { m: "mmsg_UNKNOWN", u: "https://shop.test/" }, SECRET)}`,
          `/marketing/t/o/${signToken("open", { m: "mmsg_UNKNOWN" }, SECRET)}`,
          // An open token is not a click token.
          `/marketing/t/c/${pixel.split("/marketing/t/o/")[1]}`,
        ]
        for (const url of attempts) {
          const response = await api.get(url, { maxRedirects: 0, validateStatus: () => true })
          expect([url, response.status, response.headers.location]).toEqual([url, 404, undefined])
        }
      })

      it("sends nothing to suppressed contacts: unsubscribed (one-click), bounced, complained, opted out, paused, no consent", async () => {
        const unsubscribed = await subscriber("un@example.com", "Una")
        const [first] = await send([{ template_id: templateId, contact_id: unsubscribed }])
        expect(first.status).toBe("sent")
        const mail = await waitFor(async () => mailsTo("un@example.com")[0])
        // The mailbox provider's one-click POST to the List-Unsubscribe URL (RFC 8058).
        const url = rawHeader(mail.raw, "List-Unsubscribe")!.match(/<(https:[^>]+)>/)![1]
        const oneClick = await api.post(pathOf(url), "List-Unsubscribe=One-Click", {
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
        expect(oneClick.status).toBe(200)

        const noConsent = await subscriber("quiet@example.com", "Quentin", false)
        const bounced = await subscriber("bounce@example.com", "Bo")
        const complained = await subscriber("complain@example.com", "Cleo")
        const paused = await subscriber("paused@example.com", "Paula")
        await db().raw(
          `UPDATE marketing_contact SET email_paused_until = now() + interval '10 days', email_topics_opted_out = '["offers"]' WHERE id = ?`,
          [paused]
        )

        // Bounces and complaints through the webhooks: the plugin's signed JSON (SMTP) and SendGrid's.
        const smtpBody = JSON.stringify({ events: [{ type: "bounce", email: "bounce@example.com", reason: "550 5.1.1 user unknown" }] })
        const ts = String(Math.floor(Date.now() / 1000))
        const unsigned = await api.post("/marketing/webhooks/email/smtp", smtpBody, {
          headers: { "content-type": "application/json", "x-marketing-timestamp": ts, "x-marketing-signature": "sha256=00" },
          validateStatus: () => true,
        })
        expect(unsigned.status).toBe(401)
        const smtp = await api.post("/marketing/webhooks/email/smtp", smtpBody, {
          headers: { "content-type": "application/json", "x-marketing-timestamp": ts, "x-marketing-signature": signFeedback(SECRET, ts, smtpBody) },
        })
        expect(smtp.data).toEqual({ received: 1, applied: 1 })

        const sgBody = JSON.stringify([
          { email: "complain@example.com", event: "spamreport", timestamp: Math.floor(Date.now() / 1000), sg_message_id: "abc.filter1" },
          { email: "someone@example.com", event: "delivered", timestamp: Math.floor(Date.now() / 1000) },
        ])
        const sgSignature = signData("sha256", Buffer.concat([Buffer.from(ts), Buffer.from(sgBody)]), sendgrid.privateKey).toString("base64")
        const forged = await api.post("/marketing/webhooks/email/sendgrid", sgBody, {
          headers: { "content-type": "application/json", "x-twilio-email-event-webhook-timestamp": String(Number(ts) - 1), "x-twilio-email-event-webhook-signature": sgSignature },
          validateStatus: () => true,
        })
        expect(forged.status).toBe(401)
        const sg = await api.post("/marketing/webhooks/email/sendgrid", sgBody, {
          headers: { "content-type": "application/json", "x-twilio-email-event-webhook-timestamp": ts, "x-twilio-email-event-webhook-signature": sgSignature },
        })
        expect(sg.data).toEqual({ received: 2, applied: 1 })

        const before = received.length
        const messages = await send([
          { template_id: templateId, contact_id: unsubscribed },
          { template_id: templateId, contact_id: noConsent },
          { template_id: templateId, contact_id: bounced },
          { template_id: templateId, contact_id: complained },
          { template_id: templateId, contact_id: paused, topic: "newsletter" },
          // A hard bounce stops even transactional email.
          { template_id: templateId, contact_id: bounced, kind: "transactional", idempotency_key: "bounce-transactional" },
        ])
        expect(messages.map((m: any) => [m.email, m.status, m.error])).toEqual([
          ["un@example.com", "suppressed", "address suppressed (unsubscribed)"],
          ["quiet@example.com", "suppressed", "no email consent"],
          ["bounce@example.com", "suppressed", "address hard-bounced"],
          ["complain@example.com", "suppressed", "address suppressed (complaint)"],
          ["paused@example.com", "suppressed", expect.stringMatching(/^email paused until/)],
          ["bounce@example.com", "suppressed", "address hard-bounced"],
        ])
        await db().raw(`UPDATE marketing_contact SET email_paused_until = NULL WHERE id = ?`, [paused])
        const [offers] = await send([{ template_id: templateId, contact_id: paused, topic: "offers" }])
        expect(offers.error).toBe('opted out of topic "offers"')
        await new Promise((r) => setTimeout(r, 500))
        expect(received.length).toBe(before)

        // The unsubscribe was recorded as consent withdrawn, with its proof, and as an event.
        const { rows: records } = await db().raw(
          `SELECT status, source FROM marketing_consent_record WHERE contact_id = ? ORDER BY occurred_at`,
          [unsubscribed]
        )
        expect(records).toEqual([
          { status: "granted", source: "admin" },
          { status: "denied", source: "list_unsubscribe" },
        ])
        const { rows: unsubEvents } = await db().raw(
          `SELECT count(*)::int AS n FROM marketing_event WHERE contact_id = ? AND type = 'email_unsubscribed'`,
          [unsubscribed]
        )
        expect(unsubEvents[0].n).toBe(1)
        const { rows: bounceEvents } = await db().raw(
          `SELECT properties FROM marketing_event WHERE contact_id = ? AND type = 'email_bounced'`,
          [bounced]
        )
        expect(bounceEvents[0].properties).toMatchObject({ kind: "hard", source: "smtp" })
      })

      it("retries a transient SMTP failure with backoff and delivers exactly once; a permanent one is not retried", async () => {
        const flaky = await subscriber("flaky-fred@example.com", "Fred")
        const rejected = await subscriber("reject-rita@example.com", "Rita")
        const now = new Date()
        const [first, permanent] = await send(
          [
            { template_id: templateId, contact_id: flaky, idempotency_key: "retry-test" },
            { template_id: templateId, contact_id: rejected },
          ],
          now.toISOString()
        )
        expect(first).toMatchObject({ status: "queued", attempts: 1 })
        expect(first.error).toMatch(/transient, SMTP 451/)
        const delay = new Date(first.next_attempt_at).getTime() - now.getTime()
        expect(delay).toBeGreaterThanOrEqual(48_000)
        expect(delay).toBeLessThanOrEqual(72_000)
        expect(permanent).toMatchObject({ status: "failed", attempts: 1 })
        expect(permanent.error).toMatch(/permanent, SMTP 550/)

        // The dispatcher job's drain waits for the retry when it comes due (plus the job's 30 s settle) in time.
        const marketing = getContainer().resolve("marketing") as any
        const retryAt = new Date(first.next_attempt_at).getTime() + 30_000
        const next = await marketing.nextMessageDueAt({ now, settleSeconds: 30, before: new Date(retryAt + 1000) })
        expect(next?.getTime()).toBe(retryAt)
        expect(await marketing.nextMessageDueAt({ now, settleSeconds: 30, before: new Date(retryAt - 1000) })).toBeNull()

        // Not due yet: nothing happens.
        const early = await dispatch(new Date(now.getTime() + 1000).toISOString())
        expect(early.claimed).toBe(0)
        // Due: delivered on the second attempt.
        const later = new Date(now.getTime() + delay + 1000).toISOString()
        await dispatch(later)
        await dispatch(new Date(now.getTime() + 3600_000).toISOString())
        // The same send again (a retried flow step) returns the same message and sends nothing.
        const [again] = await send([{ template_id: templateId, contact_id: flaky, idempotency_key: "retry-test" }])
        expect(again).toMatchObject({ id: first.id, status: "sent", attempts: 2, error: null })

        await new Promise((r) => setTimeout(r, 500))
        expect(mailsTo("flaky-fred@example.com")).toHaveLength(1)
        expect(mailsTo("reject-rita@example.com")).toHaveLength(0)
        const { rows } = await db().raw(`SELECT status, attempts FROM marketing_message WHERE id = ?`, [permanent.id])
        expect(rows[0]).toEqual({ status: "failed", attempts: 1 })
      })

      it("serves the unsubscribe and preferences pages through signed links, with no login", async () => {
        const contactId = await subscriber("pref@example.com", "Pia")
        const [message] = await send([{ template_id: templateId, contact_id: contactId }])
        expect(message.status).toBe("sent")
        const mail = await waitFor(async () => mailsTo("pref@example.com")[0])
        const html = mail.parsed.html as string
        const preferences = pathOf(html.match(/href="(https:\/\/api\.shop\.test\/marketing\/preferences\/[^"]+)"/)![1])
        const unsubscribe = pathOf(html.match(/href="(https:\/\/api\.shop\.test\/marketing\/unsubscribe\/[^"]+)"/)![1])

        const page = await api.get(unsubscribe)
        expect(page.headers["content-type"]).toMatch(/text\/html/)
        expect(page.data).toContain('<form method="post">')
        // Viewing the page unsubscribes nobody (link scanners follow GETs).
        const { rows: [still] } = await db().raw(`SELECT email_marketing_consent FROM marketing_contact WHERE id = ?`, [contactId])
        expect(still.email_marketing_consent).toBe("granted")

        const form = await api.get(preferences)
        expect(form.data).toContain('value="newsletter" checked')
        expect(form.data).toContain('value="offers" checked')
        await api.post(preferences, "topics=newsletter&pause=none&action=save", {
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
        const { rows: [saved] } = await db().raw(
          `SELECT email_topics_opted_out, email_paused_until FROM marketing_contact WHERE id = ?`,
          [contactId]
        )
        expect(saved).toEqual({ email_topics_opted_out: ["offers", "recommendations"], email_paused_until: null })
        const [offer, news] = await send([
          { template_id: templateId, contact_id: contactId, topic: "offers" },
          { template_id: templateId, contact_id: contactId, topic: "newsletter" },
        ])
        expect([offer.status, news.status]).toEqual(["suppressed", "sent"])

        // Unsubscribe from everything through the page's form, then subscribe again from preferences.
        await api.post(unsubscribe, "confirm=1", { headers: { "content-type": "application/x-www-form-urlencoded" } })
        const [blocked] = await send([{ template_id: templateId, contact_id: contactId, topic: "newsletter", idempotency_key: "after-unsub" }])
        expect(blocked.status).toBe("suppressed")
        await api.post(preferences, "topics=newsletter&topics=offers&pause=none&action=save", {
          headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER_UA },
        })
        const [back] = await send([{ template_id: templateId, contact_id: contactId, topic: "offers", idempotency_key: "after-resub" }])
        expect(back.status).toBe("sent")

        const tampered = await api.get(preferences.slice(0, -3) + "xyz", { validateStatus: () => true })
        expect(tampered.status).toBe(404)
      })

      it("double opt-in: storefront consent stays pending until the link in the confirmation email is clicked", async () => {
        await api.post(
          "/store/marketing/events",
          {
            events: [
              {
                type: "identify",
                anonymous_id: "anon-double-opt-in",
                properties: { email: "dora@example.com", first_name: "Dora", email_marketing_consent: true, consent_source: "newsletter_form" },
              },
            ],
          },
          storeHeaders(pk, undefined, { "user-agent": BROWSER_UA })
        )
        const { rows: [contact] } = await db().raw(
          `SELECT id, email_marketing_consent FROM marketing_contact WHERE email = 'dora@example.com'`
        )
        expect(contact.email_marketing_consent).toBe("pending")
        const [blocked] = await send([{ template_id: templateId, contact_id: contact.id }])
        expect(blocked.error).toBe("email consent pending confirmation")

        const confirmation = await waitFor(async () => mailsTo("dora@example.com")[0])
        expect(confirmation.parsed.subject).toMatch(/^Please confirm your subscription/)
        // Not a marketing email: no one-click unsubscribe (the provider may still add its mailto).
        expect(rawHeader(confirmation.raw, "List-Unsubscribe-Post")).toBeUndefined()
        const link = (confirmation.parsed.html as string).match(/href="(https:\/\/api\.shop\.test\/marketing\/confirm\/[^"]+)"/)![1]
        // The link's page asks for a click (scanners follow GETs); the click confirms.
        const page = await api.get(pathOf(link), { headers: { "user-agent": BROWSER_UA } })
        expect(page.data).toContain('<form method="post">')
        const { rows: [stillPending] } = await db().raw(`SELECT email_marketing_consent FROM marketing_contact WHERE id = ?`, [contact.id])
        expect(stillPending.email_marketing_consent).toBe("pending")
        const confirmed = await api.post(pathOf(link), "confirm=1", {
          headers: { "content-type": "application/x-www-form-urlencoded", "user-agent": BROWSER_UA },
        })
        expect(confirmed.data).toContain("You are subscribed")

        const { rows: records } = await db().raw(
          `SELECT status, source, ip_address IS NOT NULL AS has_ip, user_agent FROM marketing_consent_record
            WHERE contact_id = ? ORDER BY occurred_at`,
          [contact.id]
        )
        expect(records).toEqual([
          { status: "pending", source: "newsletter_form", has_ip: true, user_agent: BROWSER_UA },
          { status: "granted", source: "double_opt_in", has_ip: true, user_agent: BROWSER_UA },
        ])
        const history = await api.get(`/admin/marketing/contacts/${contact.id}/consent`, admin)
        expect(history.data.consent_records.map((r: any) => r.status)).toEqual(["granted", "pending"])
        const [welcome] = await send([{ template_id: templateId, contact_id: contact.id, idempotency_key: "after-confirm" }])
        expect(welcome.status).toBe("sent")

        // The storefront cannot claim a trusted source to skip the confirmation.
        await api.post(
          "/store/marketing/events",
          {
            events: [
              {
                type: "identify",
                anonymous_id: "anon-sneaky",
                properties: { email: "sneaky@example.com", email_marketing_consent: true, consent_source: "double_opt_in" },
              },
            ],
          },
          storeHeaders(pk)
        )
        const { rows: [sneaky] } = await db().raw(
          `SELECT c.email_marketing_consent, r.source FROM marketing_contact c JOIN marketing_consent_record r ON r.contact_id = c.id
            WHERE c.email = 'sneaky@example.com'`
        )
        expect(sneaky).toEqual({ email_marketing_consent: "pending", source: "storefront" })
        // A confirmation link stops working when the contact's address changes before the click.
        const sneakyMail = await waitFor(async () => mailsTo("sneaky@example.com")[0])
        const sneakyLink = (sneakyMail.parsed.html as string).match(/href="(https:\/\/api\.shop\.test\/marketing\/confirm\/[^"]+)"/)![1]
        await db().raw(`UPDATE marketing_contact SET email = 'victim@example.com' WHERE email = 'sneaky@example.com'`)
        const refused = await api.post(pathOf(sneakyLink), "confirm=1", {
          headers: { "content-type": "application/x-www-form-urlencoded" },
          validateStatus: () => true,
        })
        expect(refused.status).toBe(404)
      })

      it("renders the order, the cart and the products read through query.graph, and products the contact viewed", async () => {
        const container = getContainer()
        const contactId = await subscriber("buyer@example.com", "Bea")
        const product = await container.resolve(Modules.PRODUCT).createProducts({
          title: "Trail Runner",
          handle: "trail-runner",
          status: "published",
          thumbnail: "https://cdn.shop.test/runner.jpg",
          options: [{ title: "Size", values: ["42"] }],
          variants: [{ title: "42", options: { Size: "42" }, manage_inventory: false }],
        })
        const region = await container.resolve(Modules.REGION).createRegions({ name: "Europe", currency_code: "eur" })
        const order = await run("create-orders", {
          region_id: region.id,
          email: "buyer@example.com",
          currency_code: "eur",
          items: [{ title: "Trail Runner", product_id: product.id, variant_id: product.variants[0].id, quantity: 2, unit_price: 60 }],
        })
        const cart = await container.resolve(Modules.CART).createCarts({
          currency_code: "eur",
          email: "buyer@example.com",
          items: [{ title: "Trail Runner", product_id: product.id, variant_id: product.variants[0].id, product_handle: "trail-runner", quantity: 1, unit_price: 60 }],
        })
        // A product view on the storefront, for the "recently viewed" choice.
        const { rows: [visitor] } = await db().raw(`SELECT anonymous_id FROM marketing_visitor WHERE contact_id = ?`, [contactId])
        await api.post(
          "/store/marketing/events",
          { events: [{ type: "product_viewed", anonymous_id: visitor.anonymous_id, properties: { product_id: product.id } }] },
          storeHeaders(pk)
        )
        const { data } = await api.post(
          "/admin/marketing/templates",
          {
            name: "Order recap",
            subject: "Order #{{order.display_id}}",
            html: `<p id="order">{{#each order.items}}{{title}} x{{quantity}} = {{money total ../order.currency_code}};{{/each}} total {{money order.total order.currency_code}}</p>
<p id="cart">{{#each cart.items}}{{title}} {{url}};{{/each}} {{cart.recovery_url}}</p>
<p id="products">{{#each products}}{{title}} {{url}} {{thumbnail}};{{/each}}</p>
<p><a href="{{unsubscribe_url}}">Unsubscribe</a></p>`,
            layout: "none",
          },
          admin
        )
        const [message] = await send([
          {
            template_id: data.template.id,
            contact_id: contactId,
            context: { order_id: order.id, cart_id: cart.id, products: { strategy: "recently_viewed" } },
          },
        ])
        expect(message.status).toBe("sent")
        const mail = await waitFor(async () => mailsTo("buyer@example.com")[0])
        const text = mail.parsed.text as string
        expect(mail.parsed.subject).toBe(`Order #${order.display_id}`)
        expect(text).toContain("Trail Runner x2 = €120.00; total €120.00")
        expect(text).toContain(`Trail Runner https://shop.test/products/trail-runner; https://shop.test/cart/recover/${cart.id}`)
        expect(text).toContain("Trail Runner https://shop.test/products/trail-runner https://cdn.shop.test/runner.jpg;")
      })

      it("erasure also deletes the Notification Module's copies of the person's emails", async () => {
        const contactId = await subscriber("erase-me@example.com", "Erin")
        const [message] = await send([{ template_id: templateId, contact_id: contactId }])
        expect(message.status).toBe("sent")
        const count = async () =>
          (await db().raw(`SELECT count(*)::int AS n FROM notification WHERE "to" = 'erase-me@example.com'`)).rows[0].n
        expect(await count()).toBe(1)
        await api.post(`/admin/marketing/contacts/${contactId}/erase`, {}, admin)
        expect(await count()).toBe(0)
        const { rows } = await db().raw(`SELECT count(*)::int AS n FROM marketing_message WHERE email = 'erase-me@example.com'`)
        expect(rows[0].n).toBe(0)

        // The address comes back (a form, an admin re-adding it): still not mailed, until its owner opts in from their own mailbox.
        const again = await subscriber("erase-me@example.com", "Erin")
        const [blocked] = await send([{ template_id: templateId, contact_id: again }])
        expect([blocked.status, blocked.error]).toEqual(["suppressed", "address suppressed (erased)"])
        const [transactional] = await send([{ template_id: templateId, contact_id: again, kind: "transactional" }])
        expect(transactional.status).toBe("sent")
        const mail = await waitFor(async () => mailsTo("erase-me@example.com")[1])
        const preferences = pathOf((mail.parsed.html as string).match(/href="(https:\/\/api\.shop\.test\/marketing\/preferences\/[^"]+)"/)![1])
        await api.post(preferences, "topics=newsletter&pause=none&action=save", {
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
        const [welcome] = await send([{ template_id: templateId, contact_id: again, topic: "newsletter" }])
        expect(welcome.status).toBe("sent")
      })

      it("test-sends a template to a typed address, and lists messages", async () => {
        const response = await api.post(`/admin/marketing/templates/${templateId}/test-send`, { to: "Owner@Shop.test" }, admin)
        expect(response.data.message).toMatchObject({ status: "sent", email: "owner@shop.test", kind: "transactional" })
        const mail = await waitFor(async () => mailsTo("owner@shop.test")[0])
        // The sample context stands in: the sample contact's name and products.
        expect(mail.parsed.subject).toBe("Hello Ada")
        expect(mail.parsed.html).toContain("Packable Daypack")

        const bad = await api.post(`/admin/marketing/templates/${templateId}/test-send`, { to: "not-an-address" }, { ...admin, validateStatus: () => true })
        expect(bad.status).toBe(400)
        expect(bad.data.message).toMatch(/^Invalid request: to:/)
        const missing = await api.post(`/admin/marketing/templates/mtpl_missing/test-send`, { to: "a@b.co" }, { ...admin, validateStatus: () => true })
        expect(missing.status).toBe(400)
        expect(missing.data.message).toMatch(/template_id/)

        const quiet = await subscriber("list-quiet@example.com", "Lou", false)
        const [suppressed] = await send([{ template_id: templateId, contact_id: quiet }])
        const list = await api.get(`/admin/marketing/messages?template_id=${templateId}&status=suppressed&limit=50`, admin)
        expect(list.data.messages.map((m: any) => m.id)).toContain(suppressed.id)
        const mine = await api.get(`/admin/marketing/messages?contact_id=${quiet}`, admin)
        expect(mine.data).toMatchObject({ count: 1, messages: [{ id: suppressed.id, error: "no email consent" }] })
        expect(list.data.messages.every((m: any) => m.status === "suppressed")).toBe(true)
        const detail = await api.get(`/admin/marketing/messages/${suppressed.id}`, admin)
        expect(detail.data.message).toMatchObject({ id: suppressed.id, status: "suppressed", error: "no email consent", template_id: templateId })
        expect(detail.data.message).toHaveProperty("context")
        // Sends what is due now (the minutely job would) and answers its counts.
        const dispatched = await api.post(`/admin/marketing/messages/dispatch`, { limit: 10 }, admin)
        expect(dispatched.data).toMatchObject({ claimed: expect.any(Number), sent: expect.any(Number) })
        const badFilter = await api.get(`/admin/marketing/messages?status=lost`, { ...admin, validateStatus: () => true })
        expect(badFilter.status).toBe(400)
        expect(badFilter.data.message).toMatch(/status/)
      })
    })
  },
})
