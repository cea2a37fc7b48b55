/**
 * Issue 20: the public routes under hostile input and abuse. Malformed bodies,
 * text Postgres cannot store and undecodable paths get a 400 naming the field
 * and write nothing; rate limits answer 429 with Retry-After. The random
 * version of the first part is hostile-fuzz.spec.ts.
 */
import { spawnSync } from "child_process"
import http from "http"
import path from "path"
import { marketingTestRunner } from "../runner"
import { RateLimiter } from "../../src/modules/marketing/rate-limit"
import { TEST_APP_DIR, anonymousId, createAdminHeaders, createPublishableKey, sql } from "../helpers"
import { type RawResponse, portOf, rawRequest } from "../raw-http"

jest.setTimeout(120000)

// Decided before the app boots: with Redis the app's buckets live there, and a second limiter plays a second instance.
const redis = JSON.parse(
  spawnSync(process.execPath, [path.join(__dirname, "..", "..", "scripts", "lib", "redis.js")], { encoding: "utf8" }).stdout || "{}"
)
if (!redis.ok) console.log(`hostile.spec: Redis tests skipped: ${redis.reason ?? "could not check Redis"}`)

const SERVER_SECRET = "storefront-server-secret-for-tests"
const KEY_PREFIX = `mma:rl:test:${process.pid}:${Date.now()}:`
// One token per 100 s: no refill in the middle of a test, however slow the machine.
const SMALL = { perSecond: 0.01, burst: 5 }
const RATE_LIMITS = {
  ...(redis.ok ? { redisUrl: redis.url, keyPrefix: KEY_PREFIX } : {}),
  // Requests come from 127.0.0.1, so each test names its own client in X-Forwarded-For.
  trustedProxies: ["loopback"],
  serverSecret: SERVER_SECRET,
  tracking: SMALL,
  links: SMALL,
  webhooks: SMALL,
  publishableKey: { perSecond: 0.01, burst: 12 },
  server: { perSecond: 1000, burst: 1000 },
}

let address = 10
/** A client address of its own: a fresh per-address bucket. */
const client = () => ({ "x-forwarded-for": `203.0.113.${address++}` })

marketingTestRunner({
  cwd: TEST_APP_DIR,
  pluginOptions: { rateLimits: RATE_LIMITS },
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let port: number
    const eventCount = async () => Number((await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_event WHERE type <> 'session_started'`))[0].n)
    const json = (body: unknown) => JSON.stringify(body)

    beforeAll(() => {
      port = portOf(api)
    })
    // A key of its own per test: its bucket is not spent by the tests before.
    beforeEach(async () => {
      pk = await createPublishableKey(getContainer())
    })

    const track = (body: string, headers: Record<string, string> = {}) =>
      rawRequest(port, "POST", "/store/marketing/events", {
        headers: { "content-type": "application/json", "x-publishable-api-key": pk, ...client(), ...headers },
        body,
      })

    describe("the beacon", () => {
      const beacon = (contentType: string, body: string) =>
        rawRequest(port, "POST", `/marketing/events/beacon?publishable_key=${pk}`, { headers: { "content-type": contentType, ...client() }, body })

      it("takes text/plain (sendBeacon's string) and JSON alike, and answers a form body with a 400 naming events", async () => {
        const before = await eventCount()
        const asText = await beacon("text/plain;charset=UTF-8", json({ type: "page_viewed", anonymous_id: anonymousId() }))
        const asJson = await beacon("application/json", json({ events: [{ type: "page_viewed", anonymous_id: anonymousId() }] }))
        expect([asText.status, JSON.parse(asText.body).recorded]).toEqual([200, 1])
        expect([asJson.status, JSON.parse(asJson.body).recorded]).toEqual([200, 1])
        expect(await eventCount()).toBe(before + 2)

        const form = await beacon("application/x-www-form-urlencoded", "type=page_viewed&anonymous_id=abc")
        expect(form.status).toBe(400)
        expect(JSON.parse(form.body).message).toMatch(/events/)
        const notJson = await beacon("text/plain", "{not json")
        expect([notJson.status, JSON.parse(notJson.body).message]).toEqual([400, "Invalid request: body: not valid JSON"])
        expect(await eventCount()).toBe(before + 2)
      })
    })

    it("the beacon answers 413 for a body over 1 MB and 408 for one that stops arriving, writing nothing", async () => {
      const before = await eventCount()
      const url = `/marketing/events/beacon?publishable_key=${pk}`
      const big = await rawRequest(port, "POST", url, { headers: { "content-type": "text/plain", ...client() }, body: "x".repeat(1024 * 1024 + 1) })
      // Medusa's body parser reads text/plain and JSON, and refuses this one itself.
      expect(JSON.parse(big.body)).toEqual({ type: "payload_too_large", field: "body", message: "Invalid request: body: larger than this route accepts (1048576 bytes)" })
      expect(big.status).toBe(413)
      const bigBlob = await rawRequest(port, "POST", url, { headers: { "content-type": "application/octet-stream", ...client() }, body: "x".repeat(1024 * 1024 + 1) })
      expect([bigBlob.status, JSON.parse(bigBlob.body)]).toEqual([413, { type: "payload_too_large", field: "body", message: "Invalid request: body: larger than 1048576 bytes" }])
      // A type Medusa leaves unread (a Blob without text type) is read by the route: announced 100 bytes, sent 10,
      // then silence. The route gives up after 10 s instead of holding the connection.
      const stalled = await new Promise<{ status: number; body: string }>((resolve) => {
        const req = http.request({ host: "127.0.0.1", port, method: "POST", path: url, headers: { "content-type": "application/octet-stream", "content-length": "100", ...client() } }, (res) => {
          let body = ""
          res.on("data", (c) => (body += c))
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }))
        })
        req.on("error", () => resolve({ status: -1, body: "" }))
        req.write('{"type":"p')
      })
      expect([stalled.status, JSON.parse(stalled.body)]).toEqual([408, { type: "request_timeout", field: "body", message: "Invalid request: body: not received within 10 s" }])
      expect(await eventCount()).toBe(before)
    })

    describe("text Postgres cannot store", () => {
      it("NUL and lone surrogates in values and keys get a 400 naming the field, on the store route and the beacon", async () => {
        const before = await eventCount()
        const nul = await track(json({ events: [{ type: "page_viewed", anonymous_id: anonymousId(), properties: { a: "x\u0000y" } }] }))
        expect(nul.status).toBe(400)
        expect(JSON.parse(nul.body).message).toBe("Invalid request: events[0].properties.a: contains a NUL character, which cannot be stored")
        // JSON.stringify would escape a lone surrogate as \ud800, which is exactly what a hostile client sends.
        const lone = await track(`{"type":"page_viewed","anonymous_id":"${anonymousId()}","properties":{"b":"\\ud800"}}`)
        expect(lone.status).toBe(400)
        expect(JSON.parse(lone.body).message).toMatch(/^Invalid request: properties\.b: contains a lone surrogate/)
        const key = await track(json({ type: "page_viewed", anonymous_id: anonymousId(), properties: { "k\u0000": 1 } }))
        expect([key.status, JSON.parse(key.body).message]).toEqual([400, "Invalid request: properties: has a key that contains a NUL character, which cannot be stored"])
        const beacon = await rawRequest(port, "POST", `/marketing/events/beacon?publishable_key=${pk}`, {
          headers: { "content-type": "text/plain", ...client() },
          body: json({ type: "page_viewed", anonymous_id: anonymousId(), context: { page_url: "https://shop.test/\u0000" } }),
        })
        expect([beacon.status, JSON.parse(beacon.body).message]).toEqual([400, "Invalid request: context.page_url: contains a NUL character, which cannot be stored"])
        // A well-formed pair (an emoji) is fine.
        expect((await track(json({ type: "page_viewed", anonymous_id: anonymousId(), properties: { a: "👟" } }))).status).toBe(200)
        expect(await eventCount()).toBe(before + 1)
      })

      it("admin routes too: in a body, a query string and an id", async () => {
        const admin = await createAdminHeaders(getContainer())
        const headers = { ...admin.headers, "content-type": "application/json" }
        const segments = async () => Number((await sql(getContainer(), `SELECT count(*)::int AS n FROM marketing_segment`))[0].n)
        const before = await segments()
        const body = json({ name: "Shoes\u0000", definition: { and: [{ field: "country_code", operator: "eq", value: "fr" }] } })
        const created = await rawRequest(port, "POST", "/admin/marketing/segments", { headers, body })
        expect([created.status, JSON.parse(created.body).message]).toEqual([400, "Invalid request: name: contains a NUL character, which cannot be stored"])
        expect(await segments()).toBe(before)

        const query = await rawRequest(port, "GET", "/admin/marketing/contacts?q=ada%00", { headers })
        expect([query.status, JSON.parse(query.body).message]).toEqual([400, "Invalid request: q: contains a NUL character, which cannot be stored"])
        const id = await rawRequest(port, "GET", "/admin/marketing/contacts/mcon_1%00", { headers })
        expect([id.status, JSON.parse(id.body).message]).toEqual([400, "Invalid request: path: contains a NUL character, which cannot be stored"])
      })
    })

    it("a token that is not valid percent-encoded UTF-8 gets a 400 naming path on every link route and the webhook", async () => {
      for (const [method, url] of [
        ["GET", "/marketing/t/o/%FF%FE"],
        ["GET", "/marketing/t/c/%FF%FE"],
        ["GET", "/marketing/unsubscribe/%FF%FE"],
        ["POST", "/marketing/unsubscribe/%FF%FE"],
        ["GET", "/marketing/preferences/%FF%FE"],
        ["POST", "/marketing/preferences/%E0%A4%A"],
        ["GET", "/marketing/confirm/%C0%AF"],
        ["POST", "/marketing/webhooks/email/%FF%FE"],
      ]) {
        const res = await rawRequest(port, method, url, { headers: { ...client(), "content-type": "application/json" }, body: method === "POST" ? "{}" : undefined })
        expect([url, res.status, JSON.parse(res.body).message]).toEqual([url, 400, "Invalid request: path: is not valid percent-encoded UTF-8"])
      }
      // A well-formed token that is simply wrong is still a 404.
      expect((await rawRequest(port, "GET", "/marketing/t/o/not-a-token", { headers: client() })).status).toBe(404)
    })

    describe("rate limits", () => {
      const tracked = (res: { status: number }) => res.status === 200
      const valid = () => json({ type: "page_viewed", anonymous_id: anonymousId() })

      it("a burst from one address gets 429s with Retry-After once its bucket is empty, and they write nothing", async () => {
        const before = await eventCount()
        const from = client()
        const answers: RawResponse[] = []
        for (let i = 0; i < 8; i++) answers.push(await track(valid(), from))
        expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429, 429, 429])
        const limited = answers[5]
        expect(Number(limited.headers["retry-after"])).toBeGreaterThanOrEqual(1)
        expect(limited.headers["access-control-expose-headers"]).toMatch(/Retry-After/i)
        expect(JSON.parse(limited.body)).toEqual({ type: "rate_limited", message: expect.stringMatching(/^Too many requests \(tracking limit\): retry after \d+ s$/) })
        expect(await eventCount()).toBe(before + 5)
        // Another shopper is not affected.
        expect(tracked(await track(valid()))).toBe(true)
      })

      it("a storefront server that sends the secret is not throttled at the shoppers' rate; a wrong secret is", async () => {
        const server = { ...client(), "x-marketing-server-secret": SERVER_SECRET }
        const statuses: number[] = []
        for (let i = 0; i < 10; i++) statuses.push((await track(valid(), server)).status)
        expect(statuses).toEqual(Array(10).fill(200))
        // A key of its own: the ten above spent most of this one's bucket.
        const impostor = { ...client(), "x-marketing-server-secret": "not-the-secret-at-all", "x-publishable-api-key": await createPublishableKey(getContainer()) }
        const theirs: number[] = []
        for (let i = 0; i < 6; i++) theirs.push((await track(valid(), impostor)).status)
        expect(theirs).toEqual([200, 200, 200, 200, 200, 429])
      })

      it("one publishable key has its own bucket, whatever the addresses", async () => {
        const key = await createPublishableKey(getContainer())
        const statuses: number[] = []
        // 12 tokens for the key, 5 per address: 3 addresses of 5 requests each.
        for (let a = 0; a < 3; a++) {
          const from = client()
          for (let i = 0; i < 5; i++) statuses.push((await track(valid(), { ...from, "x-publishable-api-key": key })).status)
        }
        expect(statuses.filter((s) => s === 200)).toHaveLength(12)
        const last = await track(valid(), { "x-publishable-api-key": key })
        expect([last.status, JSON.parse(last.body).message]).toEqual([429, expect.stringMatching(/publishableKey limit/)])
      })

      it("email links and webhooks have their own per-address buckets", async () => {
        const from = client()
        const pixels: number[] = []
        for (let i = 0; i < 7; i++) pixels.push((await rawRequest(port, "GET", "/marketing/t/o/bad-token", { headers: from })).status)
        expect(pixels).toEqual([404, 404, 404, 404, 404, 429, 429])
        // The same address still has its whole tracking bucket.
        expect(tracked(await track(valid(), from))).toBe(true)
        const hooks: number[] = []
        for (let i = 0; i < 6; i++) {
          hooks.push((await rawRequest(port, "POST", "/marketing/webhooks/email/nobody", { headers: { ...from, "content-type": "application/json" }, body: "[]" })).status)
        }
        expect(hooks).toEqual([404, 404, 404, 404, 404, 429])
      })

      it("behind an untrusted proxy, X-Forwarded-For is not believed", async () => {
        // The test client is 127.0.0.1 (trusted), forwarding for 203.0.113.x (not trusted): that is the client,
        // whatever it claims to forward for in turn, so rotating the claim does not refill its bucket.
        const proxy = `203.0.113.${address++}`
        const statuses: number[] = []
        for (let i = 0; i < 6; i++) statuses.push((await track(valid(), { "x-forwarded-for": `198.51.100.${i}, ${proxy}` })).status)
        expect(statuses).toEqual([200, 200, 200, 200, 200, 429])
      })

      const withRedis = redis.ok ? it : it.skip
      withRedis("two instances sharing Redis count one bucket", async () => {
        // Another instance of the app: the same limiter class, the same Redis and prefix.
        const other = new RateLimiter({ redisUrl: redis.url, keyPrefix: KEY_PREFIX })
        try {
          const from = client()
          const ip = from["x-forwarded-for"]
          const takes: boolean[] = []
          for (let i = 0; i < 3; i++) takes.push((await other.check([{ name: "tracking", key: ip, rule: SMALL }])).allowed)
          expect(takes).toEqual([true, true, true])
          const here: number[] = []
          for (let i = 0; i < 3; i++) here.push((await track(valid(), from)).status)
          expect(here).toEqual([200, 200, 429])
          expect(await other.check([{ name: "tracking", key: ip, rule: SMALL }])).toEqual({ allowed: false, retryAfterSeconds: expect.any(Number), bucket: "tracking" })
        } finally {
          await other.close()
        }
      })
    })
  },
})
