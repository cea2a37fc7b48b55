import { marketingTestRunner } from "../runner"
import { anonymousId, type AdminHeaders, runWorkflow, sql, storeAndAdmin, storeHeaders, TEST_APP_DIR, waitFor } from "../helpers"

jest.setTimeout(240000)

const DAY = 86_400_000
const RETENTION_DAYS = 30

/**
 * The storage limitation: the nightly purge deletes behavioural events older
 * than `tracking.retentionDays` (orders' events stay), and the score ledger
 * keeps what they earned as settled history, through recomputes and scoped applies.
 */
marketingTestRunner({
  cwd: TEST_APP_DIR,
  pluginOptions: { tracking: { retentionDays: RETENTION_DAYS } },
  testSuite: ({ api, getContainer }) => {
    let pk: string
    let admin: AdminHeaders
    beforeAll(async () => void ({ pk, admin } = await storeAndAdmin(getContainer())))

    const marketing = () => getContainer().resolve("marketing") as any
    const query = (text: string, params: unknown[] = []) => sql(getContainer(), text, params)
    const purge = (input: Record<string, unknown> = {}) => runWorkflow(getContainer(), "purge-expired-events", input)
    const createRule = async (rule: Record<string, unknown>) => (await api.post("/admin/marketing/scoring-rules", rule, admin)).data.scoring_rule
    const finished = (id: string) =>
      waitFor(async () => {
        const r = await marketing().retrieveScoringRecompute(id)
        return r.status !== "running" ? r : null
      }, 60000)
    const fullRecompute = async () => {
      const done = await finished((await api.post("/admin/marketing/scoring/recompute", {}, admin)).data.recompute.id)
      expect({ status: done.status, error: done.error }).toEqual({ status: "done", error: null })
      return done
    }
    const segmentMembers = async (segmentId: string) =>
      (await query(`SELECT contact_id FROM marketing_segment_membership WHERE segment_id = ? AND exited_at IS NULL ORDER BY contact_id`, [segmentId])).map(
        (r: any) => r.contact_id
      )

    it("deletes behavioural events past the period in batches, keeps orders, scores, segments, consent and suppressions, and recomputes to the same ledger", async () => {
      const now = Date.now()
      const cutoff = new Date(Date.UTC(new Date(now).getUTCFullYear(), new Date(now).getUTCMonth(), new Date(now).getUTCDate()) - RETENTION_DAYS * DAY)
      // Engagement points halve in a year here, so those earned before the cut-off still count visibly.
      await api.post("/admin/marketing/scoring-settings", { half_life_days: 365 }, admin)
      const views = await createRule({ name: "Viewed shoes", kind: "engagement", event_type: "product_viewed", points: 3, cap_count: 2, cap_period: "ever" })
      const pages = await createRule({ name: "Any page", kind: "engagement", event_type: "page_viewed", points: 1 })
      await createRule({ name: "Reviewer", kind: "loyalty", event_type: "custom:review", points: 10 })
      await createRule({ name: "Buyer", kind: "loyalty", event_type: "order_placed", points: 5 })
      await createRule({ name: "Gone quiet", kind: "engagement", event_type: "inactivity", points: -5 })

      // Three customers, each with events before the cut-off (35 to 45 days ago) and after it (1 to 10 days ago),
      // each scored live at the time it happened.
      const customers = ["cus_ret_a", "cus_ret_b", "cus_ret_c"]
      let key = 0
      const ingest = async (customer: string, type: string, daysAgo: number, properties: Record<string, unknown> = {}) => {
        const at = new Date(now - daysAgo * DAY - (key % 7) * 60_000).toISOString()
        key++
        await marketing().ingestEvents({
          now: at,
          events: [{
            type, customer_id: customer, properties, occurred_at: at, received_at: at,
            source: type === "order_placed" ? "medusa" : "storefront", idempotency_key: `ret:${customer}:${key}`, profile: {},
          }],
        })
      }
      for (const [i, customer] of customers.entries()) {
        // The capped rule: a (2 old views) has used its cap before the cut-off; b (1) has one left; c none used.
        for (let k = 0; k < 2 - i; k++) await ingest(customer, "product_viewed", 45 - k, { category: "shoes" })
        for (let k = 0; k < 3; k++) await ingest(customer, "page_viewed", 44 - k, { path: `/old/${k}` })
        if (i < 2) await ingest(customer, "custom:review", 40, { stars: 5 })
        if (i !== 1) await ingest(customer, "order_placed", 38, { order_id: `ord_ret_old_${i}`, total: 50, currency_code: "eur" })
        for (let k = 0; k < 2; k++) await ingest(customer, "product_viewed", 10 - k, { category: "shoes" })
        for (let k = 0; k < 2; k++) await ingest(customer, "page_viewed", 5 - k, { path: `/new/${k}` })
        if (i === 0) await ingest(customer, "order_placed", 3, { order_id: "ord_ret_new_0", total: 80, currency_code: "eur" })
      }
      // A customer last seen 70 days ago, whose absence was recorded 38 days ago (inactivity after 30 days).
      await ingest("cus_ret_idle", "page_viewed", 70, { path: "/idle" })
      expect((await marketing().recordInactivity(new Date(now - 38 * DAY))).recorded).toBe(1)
      const [{ id: idle }] = await query(`SELECT id FROM marketing_contact WHERE customer_id = 'cus_ret_idle'`)
      const contacts: string[] = (await query(`SELECT id FROM marketing_contact WHERE customer_id = ANY(?::text[]) ORDER BY customer_id`, [`{${customers.join(",")}}`])).map(
        (r: any) => r.id
      )
      expect(contacts).toHaveLength(3)
      const mine = `{${[...contacts, idle].join(",")}}`
      // Consent records and suppressions (one dated before the cut-off).
      await marketing().createConsentRecords([
        { contact_id: contacts[0], status: "granted", source: "checkout", occurred_at: new Date(now - 200 * DAY) },
        { contact_id: contacts[1], status: "denied", source: "preferences", occurred_at: new Date(now - 2 * DAY) },
      ])
      await marketing().createSuppressions([{ email_hash: `ret-${now}`, reason: "unsubscribed", source: "unsubscribe_link", contact_id: contacts[2] }])

      // Segments: one over the last 30 days, one over all time.
      const recent = (await api.post("/admin/marketing/segments", {
        name: "Pages in the last 30 days", definition: { and: [{ event: { type: "page_viewed", count: { operator: "gte", value: 2 }, within_days: 30 } }] },
      }, admin)).data.segment
      const ever = (await api.post("/admin/marketing/segments", {
        name: "Five pages ever", definition: { and: [{ event: { type: "page_viewed", count: { operator: "gte", value: 5 } } }] },
      }, admin)).data.segment
      expect(await segmentMembers(recent.id)).toEqual([...contacts].sort())
      expect(await segmentMembers(ever.id)).toEqual([...contacts].sort())

      // Live scoring and a full recompute agree before any purge (a's recent views are over the ever-cap).
      expect((await fullRecompute()).stats).toMatchObject({ entries_added: 0, entries_removed: 0, entries_changed: 0 })

      // Scores at one instant (engagement decayed to it), and the ledger entry for entry.
      const at = new Date(now + 60_000).toISOString()
      const scores = () =>
        query(
          `SELECT id, acquisition_score, loyalty_points, loyalty_score, fit_score, order_count, lifecycle_stage,
                  round((engagement_score * power(2, -extract(epoch FROM (?::timestamptz - scored_at)) / (365 * 86400.0)))::numeric, 4) AS engagement
             FROM marketing_contact WHERE id = ANY(?::text[]) ORDER BY customer_id`,
          [at, mine]
        )
      const ledger = (withIds = true) =>
        query(
          `SELECT ${withIds ? "id, " : ""}contact_id, rule_id, event_id, score, component, delta, reason, occurred_at
             FROM marketing_score_entry WHERE contact_id = ANY(?::text[]) AND deleted_at IS NULL ORDER BY rule_id, event_id, occurred_at`,
          [mine]
        )
      const untouched = async () => ({
        consent: await query(`SELECT id, contact_id, status, source, occurred_at FROM marketing_consent_record WHERE contact_id = ANY(?::text[]) ORDER BY id`, [mine]),
        suppressions: await query(`SELECT id, email_hash, reason, contact_id FROM marketing_suppression ORDER BY id`),
        contacts: await query(`SELECT id, customer_id, order_count, first_seen_at FROM marketing_contact WHERE id = ANY(?::text[]) ORDER BY id`, [mine]),
      })
      const events = () =>
        query(`SELECT id, type, occurred_at FROM marketing_event WHERE contact_id = ANY(?::text[]) ORDER BY occurred_at, id`, [mine])
      const beforeScores = await scores()
      const beforeLedger = await ledger()
      const beforeKept = await untouched()
      const beforeEvents = await events()
      expect(beforeKept.consent).toHaveLength(2)
      expect(beforeKept.suppressions).toHaveLength(1)
      // What the old events earned shows in the scores: a's reviews and old order, engagement from old views and pages.
      expect(beforeScores.map((s: any) => s.loyalty_points)).toEqual([10 + 5 + 5, 10, 5, 0])
      expect(Number(beforeScores[3].engagement)).toBeLessThan(0)
      const old = beforeEvents.filter((e: any) => new Date(e.occurred_at) < cutoff)
      const purgeable = old.filter((e: any) => e.type !== "order_placed")
      // Views 2 + 1 + 0, reviews 2, pages 3 each; the idle customer's page and inactivity; and the session_started
      // events the ingest recorded for the sessions those events opened (behavioural too, purged with them).
      const sessions = purgeable.filter((e: any) => e.type === "session_started")
      expect(sessions.length).toBeGreaterThan(0)
      expect(purgeable.length - sessions.length).toBe(3 + 2 + 9 + 2)

      // The purge, in batches of two with a pause, while storefront events keep arriving from other shoppers.
      const shoppers = Array.from({ length: 12 }, () => anonymousId())
      const sending = Promise.all(
        shoppers.map(async (anon, i) => {
          await new Promise((resolve) => setTimeout(resolve, i * 40))
          const started = Date.now()
          const res = await api.post(
            "/store/marketing/events",
            { events: [{ type: "page_viewed", anonymous_id: anon, properties: { path: `/during/${i}` } }, { type: "product_viewed", anonymous_id: anon, properties: { category: "shoes" } }] },
            storeHeaders(pk)
          )
          return { status: res.status, recorded: res.data.recorded, ms: Date.now() - started }
        })
      )
      const run = await purge({ batch_size: 2, pause_ms: 30 })
      const sent = await sending
      expect(sent.map((s) => [s.status, s.recorded])).toEqual(shoppers.map(() => [200, 2]))
      // Each shopper's two events, and the session_started of the session they opened.
      const stored = await query(
        `SELECT count(*) FILTER (WHERE e.type <> 'session_started')::int AS n, count(*) FILTER (WHERE e.type = 'session_started')::int AS sessions
           FROM marketing_event e JOIN marketing_visitor v ON v.contact_id = e.contact_id WHERE v.anonymous_id = ANY(?::text[])`,
        [`{${shoppers.join(",")}}`]
      )
      expect(stored[0]).toEqual({ n: 24, sessions: 12 })

      expect(run).toMatchObject({ status: "done", retention_days: RETENTION_DAYS, cutoff: cutoff.toISOString(), error: null })
      expect(run.events_deleted).toBe(purgeable.length)
      expect(run.batches).toBeGreaterThanOrEqual(Math.ceil(purgeable.length / 2))
      // The run is recorded for the admin to read.
      const listed = (await api.get("/admin/marketing/retention-runs", admin)).data
      expect(listed.retention_days).toBe(RETENTION_DAYS)
      expect(listed.retention_runs).toEqual([
        expect.objectContaining({ id: run.id, status: "done", cutoff: cutoff.toISOString(), events_deleted: purgeable.length, finished_at: expect.any(String) }),
      ])

      // Past the period: behaviour gone, orders kept; within it: everything kept.
      const afterEvents = await events()
      expect(afterEvents.filter((e: any) => new Date(e.occurred_at) < cutoff).map((e: any) => e.type)).toEqual(["order_placed", "order_placed"])
      expect(afterEvents).toEqual(beforeEvents.filter((e: any) => !purgeable.some((p: any) => p.id === e.id)))
      const [{ n: anyOld }] = await query(`SELECT count(*)::int AS n FROM marketing_event WHERE occurred_at < ? AND type NOT IN ('order_placed', 'order_canceled')`, [cutoff.toISOString()])
      expect(anyOld).toBe(0)

      // The idle customer's absence is not recorded again (its event is gone, its points stay).
      expect((await marketing().recordInactivity(new Date())).recorded).toBe(0)
      const [{ n: idleEvents }] = await query(`SELECT count(*)::int AS n FROM marketing_event WHERE contact_id = ?`, [idle])
      expect(idleEvents).toBe(0)

      // Scores, ledger, consent records, suppressions and contacts as they were.
      expect(await scores()).toEqual(beforeScores)
      expect(await ledger()).toEqual(beforeLedger)
      expect(await untouched()).toEqual(beforeKept)

      // A full recompute after the purge: nothing to change, the settled entries kept as they are
      // (the ever-cap still counts a's and b's views from before the cut-off).
      const after = await fullRecompute()
      expect(after.stats).toMatchObject({ entries_added: 0, entries_removed: 0, entries_changed: 0 })
      expect(await scores()).toEqual(beforeScores)
      expect(await ledger()).toEqual(beforeLedger)

      // A recompute that rebuilds the ledger whole (every entry after the cut-off lost) writes the same entries again.
      await query(`DELETE FROM marketing_score_entry WHERE rule_id IS NOT NULL AND event_id IS NOT NULL AND occurred_at >= ?`, [cutoff.toISOString()])
      const rebuilt = await fullRecompute()
      expect(rebuilt.stats.ledger_rebuilt).toBe(1)
      const strip = (rows: any[]) => rows.map(({ id: _id, ...rest }) => rest)
      expect(await ledger(false)).toEqual(strip(beforeLedger))
      expect(await scores()).toEqual(beforeScores)

      // Scoped applies ("apply this rule to history") of the capped and the plain rule: the same again.
      for (const rule of [views, pages]) {
        const { recompute } = (await api.post(`/admin/marketing/scoring-rules/${rule.id}`, { points: rule.points, apply_to_history: true }, admin)).data
        const done = await finished(recompute.id)
        expect({ status: done.status, scoped: done.stats.scoped, added: done.stats.entries_added, removed: done.stats.entries_removed, changed: done.stats.entries_changed })
          .toEqual({ status: "done", scoped: 1, added: 0, removed: 0, changed: 0 })
      }
      expect(await ledger(false)).toEqual(strip(beforeLedger))
      expect(await scores()).toEqual(beforeScores)

      // Segments rebuilt: the last 30 days unchanged; "ever" now sees the period only (two pages each).
      await runWorkflow(getContainer(), "build-segments", { segment_ids: [recent.id, ever.id] })
      expect(await segmentMembers(recent.id)).toEqual([...contacts].sort())
      expect(await segmentMembers(ever.id)).toEqual([])

      // The day's run is claimed once: running again the same day does nothing.
      expect(await purge()).toBeNull()
    })

    it("claims each day's run on one instance at a time", async () => {
      const tomorrow = new Date(Date.now() + DAY).toISOString()
      const runs = await Promise.all([purge({ now: tomorrow }), purge({ now: tomorrow }), purge({ now: tomorrow })])
      expect(runs.filter(Boolean)).toHaveLength(1)
      expect(runs.find(Boolean)).toMatchObject({ status: "done", run_on: tomorrow.slice(0, 10) })
      const rows = await query(`SELECT run_on, status FROM marketing_retention_run WHERE run_on = ?`, [tomorrow.slice(0, 10)])
      expect(rows).toEqual([{ run_on: tomorrow.slice(0, 10), status: "done" }])
    })
  },
})
