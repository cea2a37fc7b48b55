import { marketingTestRunner } from "../runner"
import {
  type AdminHeaders, anonymousId, registerCustomer, sql, storeAndAdmin, storeHeaders, TEST_APP_DIR, waitFor,
} from "../helpers"

jest.setTimeout(300000)

const DAY = 86_400_000
const VISITORS = 50
const EVENTS_PER_VISITOR = 40
/** Requests in flight at once: enough for the route's group commit to put several in one transaction. */
const IN_FLIGHT = 24

/** Runs the tasks with at most `limit` at once, in the order given. */
async function inParallel<T>(tasks: (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length)
  let next = 0
  await Promise.all(
    Array.from({ length: limit }, async () => {
      while (next < tasks.length) {
        const i = next++
        results[i] = await tasks[i]()
      }
    })
  )
  return results
}

/** A fixed shuffle (a small LCG), so a failure replays the same order. */
function shuffled<T>(xs: T[], seed = 7): T[] {
  const out = [...xs]
  let s = seed
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31
    const j = s % (i + 1)
    ;[out[i], out[j]] = [out[j], out[i]]
  }
  return out
}

marketingTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders

    beforeAll(async () => void ({ pk, admin } = await storeAndAdmin(getContainer())))

    const marketing = () => getContainer().resolve("marketing") as any

    it("stores 2,000 events sent at once by 50 visitors who log in midway: each once, every contact stitched, scores as a recompute gives", async () => {
      const rules = [
        { name: "Viewed shoes", kind: "engagement", event_type: "product_viewed", conditions: { and: [{ field: "properties.category", operator: "eq", value: "shoes" }] }, points: 5, cap_count: 3, cap_period: "day" },
        { name: "Any product", kind: "engagement", event_type: "product_viewed", points: 2 },
        { name: "Pages", kind: "engagement", event_type: "page_viewed", points: 1, cap_count: 10, cap_period: "day" },
        { name: "Ships to France", kind: "fit", conditions: { and: [{ field: "country_code", operator: "in", value: ["fr"] }] }, points: 10 },
      ]
      for (const rule of rules) await api.post("/admin/marketing/scoring-rules", rule, admin)

      const visitors = await inParallel(
        Array.from({ length: VISITORS }, (_, v) => async () => {
          const anon = anonymousId()
          const { customer, token } = await registerCustomer(api, pk, `crowd-${v}-${anon}@example.com`)
          return { v, anon, customer, token }
        }),
        8
      )

      // Each visitor's 40 events: 20 browsing anonymously, a login (identify with the token), 19 more logged in.
      type Req = { events: any[]; token?: string }
      const requests: Req[] = []
      for (const { v, anon, token } of visitors) {
        const event = (i: number) => {
          const kind = i % 3 === 0 ? "page_viewed" : "product_viewed"
          return {
            type: kind,
            anonymous_id: anon,
            idempotency_key: `crowd-${anon}-${i}`,
            properties: kind === "page_viewed" ? { path: `/p/${i}` } : { product_id: `prod_${i}`, category: i % 2 ? "shoes" : "bags" },
          }
        }
        // Anonymous browsing in single events and small batches.
        for (let i = 0; i < 20; ) {
          const size = 1 + ((v + i) % 3)
          const events: any[] = []
          for (let k = 0; k < size && i < 20; k++, i++) events.push(event(i))
          requests.push({ events })
        }
        const login = {
          type: "identify",
          anonymous_id: anon,
          idempotency_key: `crowd-${anon}-20`,
          properties: { country_code: v % 2 ? "FR" : "DE" },
        }
        requests.push({ events: [login], token })
        for (let i = 21; i < EVENTS_PER_VISITOR; i++) requests.push({ events: [event(i)], token })
      }
      // 100 events sent twice (a tracker's retry), somewhere in the stream.
      const resent = shuffled(requests).filter((r) => r.events.length === 1).slice(0, 100)
      const stream = shuffled([...requests, ...resent.map((r) => ({ ...r }))])
      expect(requests.reduce((n, r) => n + r.events.length, 0)).toBe(VISITORS * EVENTS_PER_VISITOR)

      const answers = await inParallel(
        stream.map((r) => async () => {
          const res = await api.post("/store/marketing/events", { events: r.events }, storeHeaders(pk, r.token))
          return { status: res.status, data: res.data, size: r.events.length }
        }),
        IN_FLIGHT
      )
      expect(answers.every((a) => a.status === 200)).toBe(true)
      // Each request is answered its own counts, though many share a transaction.
      for (const a of answers) expect(a.data.recorded + a.data.duplicates + a.data.dropped).toBe(a.size)
      const total = (k: string) => answers.reduce((n, a) => n + a.data[k], 0)
      expect(total("recorded")).toBe(VISITORS * EVENTS_PER_VISITOR)
      expect(total("duplicates")).toBe(100)
      expect(total("dropped")).toBe(0)

      // Every event stored once, on the visitor's one live contact, which is the customer's.
      const stored = await sql(
        getContainer(),
        `SELECT e.idempotency_key, e.contact_id, c.customer_id, c.deleted_at
           FROM marketing_event e JOIN marketing_contact c ON c.id = e.contact_id
          WHERE e.idempotency_key LIKE 'crowd-%'`
      )
      expect(stored).toHaveLength(VISITORS * EVENTS_PER_VISITOR)
      expect(new Set(stored.map((r: any) => r.idempotency_key)).size).toBe(VISITORS * EVENTS_PER_VISITOR)
      expect(stored.filter((r: any) => r.deleted_at)).toEqual([])
      for (const { anon, customer } of visitors) {
        const mine = stored.filter((r: any) => r.idempotency_key.startsWith(`crowd-${anon}-`))
        expect(mine).toHaveLength(EVENTS_PER_VISITOR)
        expect(new Set(mine.map((r: any) => r.customer_id))).toEqual(new Set([customer.id]))
        const live = await sql(getContainer(), `SELECT id FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`, [customer.id])
        expect(live).toHaveLength(1)
        expect(new Set(mine.map((r: any) => r.contact_id))).toEqual(new Set([live[0].id]))
      }

      // Scores: what live scoring stored equals a full recompute at the same instant.
      const ids = visitors.map((v) => v.customer.id)
      const scores = () =>
        sql(
          getContainer(),
          `SELECT customer_id, engagement_score::float8 AS engagement, fit_score AS fit, acquisition_score AS acquisition
             FROM marketing_contact WHERE customer_id = ANY(?::text[]) AND deleted_at IS NULL ORDER BY customer_id`,
          [`{${ids.join(",")}}`]
        )
      // Caps held under concurrency: each visitor's points are what its 39 views give once capped.
      const indexes = Array.from({ length: EVENTS_PER_VISITOR }, (_, i) => i).filter((i) => i !== 20)
      const pages = indexes.filter((i) => i % 3 === 0).length
      const products = indexes.filter((i) => i % 3 !== 0)
      const shoes = products.filter((i) => i % 2).length
      const expected = Math.min(pages, 10) * 1 + Math.min(shoes, 3) * 5 + products.length * 2
      const fresh = await scores()
      expect(fresh).toHaveLength(VISITORS)
      for (const s of fresh) {
        expect(Math.round(s.engagement)).toBe(expected)
        expect(s.fit).toBe(ids.indexOf(s.customer_id) % 2 ? 10 : 0)
      }
      const at = new Date(Date.now() + DAY)
      await marketing().decayScores(at)
      const live = await scores()
      // engagement_score is a real (float4): the two paths round differently in the fourth decimal.
      const { recompute } = (await api.post("/admin/marketing/scoring/recompute", {}, admin)).data
      await waitFor(async () => (await marketing().retrieveScoringRecompute(recompute.id)).status !== "running", 120000)
      await marketing().recomputeScores(recompute.id, at)
      const rebuilt = await scores()
      expect(rebuilt.map((s: any) => [s.customer_id, s.fit, s.acquisition])).toEqual(live.map((s: any) => [s.customer_id, s.fit, s.acquisition]))
      rebuilt.forEach((s: any, i: number) => expect(s.engagement).toBeCloseTo(live[i].engagement, 3))
    })
  },
})
