import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import {
  TEST_APP_DIR,
  anonymousId,
  createAdminHeaders,
  createPublishableKey,
  sql,
  storeHeaders,
  waitFor,
} from "../helpers"

jest.setTimeout(240000)

/**
 * "Apply this rule to history" re-scores one rule alone (its event type's
 * events, its ledger entries, the contacts they move). After every kind of
 * edit it must leave exactly what a full rebuild would: a full recompute run
 * right after finds nothing to change, and a rebuild from an empty ledger
 * writes the same entries and scores.
 */
medusaIntegrationTestRunner({
  cwd: TEST_APP_DIR,
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: { headers: Record<string, string> }

    beforeAll(async () => {
      pk = await createPublishableKey(getContainer())
      admin = await createAdminHeaders(getContainer())
    })

    const marketing = () => getContainer().resolve("marketing") as any
    const query = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const finished = (id: string) =>
      waitFor(async () => {
        const r = await marketing().retrieveScoringRecompute(id)
        return r.status !== "running" ? r : null
      }, 60000)
    const fullRecompute = async () => finished((await api.post("/admin/marketing/scoring/recompute", {}, admin)).data.recompute.id)

    const scores = `SELECT id, acquisition_score, round(engagement_score::numeric, 6) AS engagement, fit_score, fit_rule_ids,
                           loyalty_points, loyalty_score, lifecycle_stage
                      FROM marketing_contact WHERE deleted_at IS NULL ORDER BY id`
    const ruleEntries = `SELECT contact_id, rule_id, event_id, score, component, delta, reason, occurred_at FROM marketing_score_entry
                          WHERE event_id IS NOT NULL AND deleted_at IS NULL ORDER BY rule_id, event_id`
    const fitSums = `SELECT contact_id, rule_id, sum(delta)::int AS points FROM marketing_score_entry
                      WHERE component = 'fit' AND deleted_at IS NULL GROUP BY contact_id, rule_id HAVING sum(delta) <> 0 ORDER BY contact_id, rule_id`
    const snapshot = async () => ({ scores: await query(scores), entries: await query(ruleEntries), fit: await query(fitSums) })
    const entryIdsOf = async (ruleId: string) =>
      (await query(`SELECT id FROM marketing_score_entry WHERE rule_id = ? ORDER BY id`, [ruleId])).map((e: any) => e.id)

    const mobile = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1"
    const desktop = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36"

    it("applies each kind of rule edit alone and ends where a full rebuild does, entry for entry", async () => {
      const create = async (rule: Record<string, unknown>) =>
        (await api.post("/admin/marketing/scoring-rules", rule, admin)).data.scoring_rule
      const shoes = await create({
        name: "Viewed shoes", kind: "engagement", event_type: "product_viewed",
        conditions: { and: [{ field: "properties.category", operator: "eq", value: "shoes" }] }, points: 5, cap_count: 3, cap_period: "day",
      })
      const blog = await create({
        name: "Blog reader", kind: "engagement", event_type: "page_viewed",
        conditions: { and: [{ field: "properties.path", operator: "starts_with", value: "/blog" }] }, points: 2, cap_count: 2, cap_period: "week",
      })
      const anyPage = await create({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 1 })
      const mobileFit = await create({ name: "Mobile", kind: "fit", conditions: { and: [{ field: "device_type", operator: "eq", value: "mobile" }] }, points: 7 })
      const reviewer = await create({ name: "Reviewer", kind: "loyalty", event_type: "custom:review", points: 10 })

      // Spread over the last day (the store route keeps events at most 24 hours old), across a midnight for the caps.
      const hour = 3_600_000
      const start = Date.now() - 23 * hour
      for (let i = 0; i < 8; i++) {
        const anon = anonymousId()
        const at = (k: number) => new Date(start + k * 2 * hour + i * 1000).toISOString()
        const events = [
          ...Array.from({ length: 2 + (i % 4) }, (_, k) => ({
            type: "product_viewed", anonymous_id: anon, occurred_at: at(k),
            properties: { product_id: `p-${i}-${k}`, category: k % 3 === 2 ? "hats" : "shoes" },
          })),
          ...Array.from({ length: 1 + i }, (_, k) => ({
            type: "page_viewed", anonymous_id: anon, occurred_at: at(k), properties: { path: k % 2 ? `/blog/${k}` : `/p/${k}` },
          })),
          ...(i % 3 === 0 ? [{ type: "custom:review", anonymous_id: anon, occurred_at: at(1), properties: { stars: "5" } }] : []),
        ]
        await api.post("/store/marketing/events", { events }, storeHeaders(pk, undefined, { "user-agent": i % 2 ? mobile : desktop }))
      }
      // Live scoring and the full recompute agree to begin with.
      expect((await fullRecompute()).stats).toMatchObject({ entries_added: 0, entries_removed: 0, entries_changed: 0 })

      const applied = async (recompute: { id: string } | undefined) => {
        expect(recompute).toBeTruthy()
        const done = await finished(recompute!.id)
        expect({ status: done.status, error: done.error }).toEqual({ status: "done", error: null })
        expect(done.stats.scoped).toBe(1)
        expect(done.stats.ledger_rebuilt).toBeUndefined()
        return done.stats
      }
      const edit = async (id: string, update: Record<string, unknown>) =>
        applied((await api.post(`/admin/marketing/scoring-rules/${id}`, { ...update, apply_to_history: true }, admin)).data.recompute)

      const cases: [string, () => Promise<Record<string, number>>, string[]][] = [
        ["points", () => edit(shoes.id, { points: 6 }), [blog.id, anyPage.id, reviewer.id]],
        ["conditions", () => edit(shoes.id, { conditions: { or: [
          { field: "properties.category", operator: "eq", value: "shoes" },
          { field: "properties.category", operator: "eq", value: "hats" },
        ] } }), [blog.id, anyPage.id]],
        ["cap", () => edit(blog.id, { cap_count: 1, cap_period: "day" }), [shoes.id, anyPage.id]],
        ["fit conditions and points", () => edit(mobileFit.id, { points: 4, conditions: { and: [{ field: "device_type", operator: "eq", value: "desktop" }] } }), [shoes.id, blog.id]],
        ["disabled", () => edit(reviewer.id, { active: false }), [shoes.id, blog.id]],
        ["enabled again", () => edit(reviewer.id, { active: true }), [shoes.id, blog.id]],
        ["deleted", async () => applied((await api.delete(`/admin/marketing/scoring-rules/${anyPage.id}?apply_to_history=true`, admin)).data.recompute), [shoes.id, blog.id]],
        ["created", async () => applied((await api.post("/admin/marketing/scoring-rules", {
          name: "Hat lover", kind: "loyalty", event_type: "product_viewed",
          conditions: { and: [{ field: "properties.category", operator: "eq", value: "hats" }] }, points: 3, apply_to_history: true,
        }, admin)).data.recompute), [shoes.id, blog.id]],
      ]

      for (const [kind, run, untouched] of cases) {
        const before = await snapshot()
        const idsBefore = await Promise.all(untouched.map(entryIdsOf))
        const stats = await run()
        const after = await snapshot()
        // The edit changed something, and left the other rules' entries as they were.
        expect({ kind, changed: JSON.stringify(after) !== JSON.stringify(before) }).toEqual({ kind, changed: true })
        expect({ kind, stats: stats.entries_added + stats.entries_removed + stats.entries_changed + stats.fit_corrections > 0 })
          .toEqual({ kind, stats: true })
        expect({ kind, ids: await Promise.all(untouched.map(entryIdsOf)) }).toEqual({ kind, ids: idsBefore })

        // A full recompute right after finds the ledger and every score as it would have left them.
        const full = await fullRecompute()
        expect({ kind, stats: full.stats }).toMatchObject({
          kind,
          stats: { rules_compared: 0, entries_added: 0, entries_removed: 0, entries_changed: 0, fit_corrections: 0, contacts_changed: 0 },
        })
        expect({ kind, ...(await snapshot()) }).toEqual({ kind, ...after })
      }

      // And a rebuild from an empty ledger writes the same entries and scores.
      const last = await snapshot()
      await query(`DELETE FROM marketing_score_entry WHERE component <> 'rfm'`)
      expect((await fullRecompute()).stats.ledger_rebuilt).toBe(1)
      expect(await snapshot()).toEqual(last)
    })

    it("scores events that arrive while a rule is applied, once", async () => {
      const rule = (await api.post("/admin/marketing/scoring-rules", { name: "Pages", kind: "engagement", event_type: "page_viewed", points: 1 }, admin)).data.scoring_rule
      const visitors = Array.from({ length: 3 }, () => anonymousId())
      await Promise.all(visitors.map((anon) => api.post("/store/marketing/events", { events: [{ type: "page_viewed", anonymous_id: anon }] }, storeHeaders(pk))))
      const { recompute } = (await api.post(`/admin/marketing/scoring-rules/${rule.id}`, { points: 2, apply_to_history: true }, admin)).data
      await Promise.all(
        visitors.flatMap((anon) =>
          Array.from({ length: 3 }, (_, i) =>
            api.post("/store/marketing/events", { events: [{ type: "page_viewed", anonymous_id: anon, idempotency_key: `d-${anon}-${i}` }] }, storeHeaders(pk))
          )
        )
      )
      await finished(recompute.id)
      await marketing().processScoringBacklog()
      const after = await Promise.all(
        visitors.map(async (anon) => (await query(
          `SELECT c.acquisition_score FROM marketing_contact c JOIN marketing_visitor v ON v.contact_id = c.id WHERE v.anonymous_id = ?`, [anon]
        ))[0].acquisition_score)
      )
      expect(after).toEqual([8, 8, 8])
      expect(await query(`SELECT count(*)::int AS n FROM marketing_score_entry WHERE rule_id = ?`, [rule.id])).toEqual([{ n: 12 }])
    })
  },
})
