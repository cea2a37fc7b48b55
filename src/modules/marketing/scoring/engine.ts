import { randomUUID } from "crypto"
import { CONTACT_FIELDS, FieldDef, compileCondition } from "../conditions"
import { pgArray } from "../pg-array"
import { decayFactor, decayFactorSql } from "./decay"
import { RfmBoundaries, band, rfmGroup, rfmGroupSql, rfmPoints } from "./rfm"
import {
  ScorableEvent,
  ScoringRuleDefinition,
  capWindow,
  fitRuleHolds,
  ruleCatalog,
  ruleComponent,
  ruleMatchesEvent,
} from "./rules"
import { LifecycleStage, StageThresholds, ThresholdCrossing, stageFor, thresholdsCrossed } from "./stages"
import { pausePoint } from "./pause-points"

/** What the engine needs from a transaction: raw SQL with `?` placeholders. */
export type { SqlRunner } from "../sql-runner"
import type { SqlRunner } from "../sql-runner"

export type ScoringSettingsRow = StageThresholds & {
  id: string
  half_life_days: number
  inactivity_days: number
  sales_notification_email: string | null
  sales_notification_feed: boolean
  rfm_boundaries: RfmBoundaries | null
  rfm_computed_at: string | null
}

export type RuleRow = Required<Pick<ScoringRuleDefinition, "kind" | "points">> &
  ScoringRuleDefinition & { id: string; name: string }

export type StageChange = {
  contact_id: string
  from_stage: LifecycleStage | null
  to_stage: LifecycleStage
  reason: string
  changed_at: string
}

export type ScoreCrossing = ThresholdCrossing & { contact_id: string; score: "acquisition"; score_value: number }

export type ScoringOutcome = { stage_changes: StageChange[]; crossings: ScoreCrossing[] }

const id = (prefix: string) => `${prefix}_${randomUUID().replace(/-/g, "").slice(0, 26).toUpperCase()}`

/** Live scoring holds this lock shared; a full recompute holds it alone. */
export const SCORING_LOCK = "mma:scoring"

export async function lockScoringShared(em: SqlRunner): Promise<void> {
  await em.execute(`SELECT pg_advisory_xact_lock_shared(hashtext(?))`, [SCORING_LOCK])
}

/**
 * False while a full recompute runs; ingestion then parks its events instead of waiting.
 *
 * No event is missed between the two: one that takes the lock is scored live,
 * and the recompute waits for its commit before reading anything. One that
 * parks has already updated its contact, and the recompute locks the contact
 * table before writing scores, so it waits for that commit too: every parked
 * event is committed before the recompute is, and so visible to the backlog
 * pass that follows it.
 */
export async function tryLockScoringShared(em: SqlRunner): Promise<boolean> {
  const [row] = await em.execute(`SELECT pg_try_advisory_xact_lock_shared(hashtext(?)) AS ok`, [SCORING_LOCK])
  return !!row?.ok
}

/** Backlog passes hold this one at a time. */
export const BACKLOG_LOCK = "mma:scoring-backlog"

/**
 * Scores up to `limit` parked events (oldest first) and removes them from the backlog.
 *
 * Passes run one after the other: a pass that skipped the rows another pass
 * was scoring could return, and its caller read the scores, before that pass
 * committed. So when a pass returns, every event parked before it began is scored.
 */
export async function processBacklog(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  rules: RuleRow[],
  now: Date,
  limit = 2000
): Promise<ScoringOutcome & { scored: number }> {
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [BACKLOG_LOCK])
  await pausePoint("backlog pass")
  const parked: (ScorableEvent & { contact_id: string; backlog_id: string })[] = await em.execute(
    `SELECT b.id AS backlog_id, e.id, e.contact_id, e.type, e.properties, e.occurred_at
       FROM marketing_scoring_backlog b JOIN marketing_event e ON e.id = b.event_id
      WHERE b.deleted_at IS NULL
      ORDER BY b.created_at LIMIT ? FOR UPDATE OF b SKIP LOCKED`,
    [limit]
  )
  if (!parked.length) return { stage_changes: [], crossings: [], scored: 0 }
  const events = parked.map(({ backlog_id, ...e }) => ({ ...e, occurred_at: new Date(e.occurred_at).toISOString() }))
  const outcome = await scoreContacts(em, { events, contact_ids: events.map((e) => e.contact_id), now }, settings, rules)
  await em.execute(`DELETE FROM marketing_scoring_backlog WHERE id = ANY(?::text[])`, [`{${parked.map((p) => p.backlog_id).join(",")}}`])
  return { ...outcome, scored: parked.length }
}

export async function loadSettings(em: SqlRunner): Promise<ScoringSettingsRow> {
  const find = async () =>
    (await em.execute(`SELECT * FROM marketing_scoring_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`))[0]
  let row = await find()
  if (!row) {
    await em.execute(`SELECT pg_advisory_xact_lock(hashtext('mma:scoring-settings'))`)
    row = await find()
    if (!row) {
      await em.execute(`INSERT INTO marketing_scoring_settings (id) VALUES (?)`, [id("mssets")])
      row = await find()
    }
  }
  return { ...row, half_life_days: Number(row.half_life_days) }
}

export async function loadActiveRules(em: SqlRunner): Promise<RuleRow[]> {
  return em.execute(
    `SELECT id, name, kind, event_type, conditions, points, cap_count, cap_period, active
       FROM marketing_scoring_rule WHERE active AND deleted_at IS NULL ORDER BY created_at, id`
  )
}

type ContactState = Record<string, any> & {
  id: string
  engagement_score: number
  fit_score: number
  acquisition_score: number
  loyalty_points: number
  loyalty_score: number
  scored_at: string | null
  fit_rule_ids: string[] | null
  order_count: number
  total_spent: number
  last_order_at: string | null
  rfm_recency: number | null
  rfm_frequency: number | null
  rfm_monetary: number | null
  rfm_group: string | null
  lifecycle_stage: LifecycleStage
}

type NewEntry = {
  id: string
  contact_id: string
  score: "acquisition" | "loyalty"
  component: "engagement" | "fit" | "rfm" | "loyalty_rule"
  delta: number
  rule_id: string | null
  event_id: string | null
  reason: string
  occurred_at: string
}

async function insertEntries(em: SqlRunner, entries: NewEntry[]): Promise<NewEntry[]> {
  if (!entries.length) return []
  const inserted: { id: string }[] = await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
     SELECT r.id, r.contact_id, r.score, r.component, r.delta, r.rule_id, r.event_id, r.reason, r.occurred_at
       FROM jsonb_to_recordset(?::jsonb) AS r(id text, contact_id text, score text, component text, delta float8,
            rule_id text, event_id text, reason text, occurred_at timestamptz)
     ON CONFLICT (rule_id, event_id) WHERE event_id IS NOT NULL AND deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [JSON.stringify(entries)]
  )
  const kept = new Set(inserted.map((r) => r.id))
  return entries.filter((e) => kept.has(e.id))
}

/** A rule entry's reason; live scoring and the recompute must write the same text (the recompute compares them). */
function reasonFor(rule: RuleRow, eventType: string): string {
  const sign = rule.points > 0 ? `+${rule.points}` : `${rule.points}`
  return `${sign} "${rule.name}" (${eventType})`
}

/**
 * Scores newly stored events and re-checks fit for their contacts, in the
 * caller's transaction: ledger entries first (idempotent per rule and event),
 * then each contact's scores, RFM and stage in one UPDATE.
 */
export async function scoreContacts(
  em: SqlRunner,
  input: { events: (ScorableEvent & { contact_id: string })[]; contact_ids: string[]; now: Date },
  settings: ScoringSettingsRow,
  rules: RuleRow[]
): Promise<ScoringOutcome> {
  const outcome: ScoringOutcome = { stage_changes: [], crossings: [] }
  const contactIds = [...new Set(input.contact_ids)].sort()
  if (!contactIds.length) return outcome
  const nowIso = input.now.toISOString()

  // The contact rows serialise scoring per contact (caps and totals). Every
  // writer locks contact rows in id order, so two can never deadlock.
  const rows: ContactState[] = await em.execute(
    `SELECT * FROM marketing_contact WHERE id = ANY(?::text[]) AND deleted_at IS NULL ORDER BY id FOR UPDATE`,
    [`{${contactIds.join(",")}}`]
  )
  const contacts = new Map(rows.map((r) => [r.id, r]))
  await pausePoint("scoring contacts")

  // 1. Event rules, with caps counted against the ledger and this batch.
  const eventRules = rules.filter((r) => r.kind !== "fit")
  // Caps keep the earliest events, in the order a recompute sorts them.
  const ordered = [...input.events].sort(
    (a, b) => Date.parse(a.occurred_at) - Date.parse(b.occurred_at) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  )
  const matches: { event: ScorableEvent & { contact_id: string }; rule: RuleRow; capKey: string | null }[] = []
  const capWindows = new Map<string, { key: string; contact_id: string; rule_id: string; start_at: string | null; end_at: string | null }>()
  for (const event of ordered) {
    if (!contacts.has(event.contact_id)) continue
    for (const rule of eventRules) {
      if (!ruleMatchesEvent(rule, event, input.now)) continue
      let capKey: string | null = null
      if (rule.cap_count && rule.cap_period) {
        const window = capWindow(rule.cap_period, event.occurred_at)
        capKey = `${event.contact_id}|${rule.id}|${window?.start ?? "ever"}`
        capWindows.set(capKey, { key: capKey, contact_id: event.contact_id, rule_id: rule.id, start_at: window?.start ?? null, end_at: window?.end ?? null })
      }
      matches.push({ event, rule, capKey })
    }
  }
  // One query counts what each cap window already holds.
  const capUsed = new Map<string, number>()
  if (capWindows.size) {
    const counts: { key: string; n: number }[] = await em.execute(
      `SELECT k.key, count(se.id)::int AS n
         FROM jsonb_to_recordset(?::jsonb) AS k(key text, contact_id text, rule_id text, start_at timestamptz, end_at timestamptz)
         LEFT JOIN marketing_score_entry se
           ON se.contact_id = k.contact_id AND se.rule_id = k.rule_id AND se.deleted_at IS NULL
          AND (k.start_at IS NULL OR (se.occurred_at >= k.start_at AND se.occurred_at < k.end_at))
        GROUP BY k.key`,
      [JSON.stringify([...capWindows.values()])]
    )
    for (const { key, n } of counts) capUsed.set(key, n)
  }
  const entries: NewEntry[] = []
  for (const { event, rule, capKey } of matches) {
    if (capKey) {
      const used = capUsed.get(capKey) ?? 0
      if (used >= rule.cap_count!) continue
      capUsed.set(capKey, used + 1)
    }
    const { score, component } = ruleComponent(rule.kind)
    entries.push({
      id: id("mscore"),
      contact_id: event.contact_id,
      score,
      component,
      delta: rule.points,
      rule_id: rule.id,
      event_id: event.id,
      reason: reasonFor(rule, event.type),
      occurred_at: event.occurred_at,
    })
  }
  const applied = await insertEntries(em, entries)

  // 2. Orders move frequency, money and recency.
  for (const event of input.events) {
    const contact = contacts.get(event.contact_id)
    if (!contact || (event.type !== "order_placed" && event.type !== "order_canceled")) continue
    const total = Number(event.properties.total) || 0
    if (event.type === "order_placed") {
      contact.order_count += 1
      contact.total_spent = Number(contact.total_spent) + total
      if (!contact.last_order_at || new Date(contact.last_order_at) < new Date(event.occurred_at)) {
        contact.last_order_at = event.occurred_at
      }
    } else if (contact.order_count > 0) {
      contact.order_count -= 1
      contact.total_spent = Math.max(0, Number(contact.total_spent) - total)
    }
    contact.orders_changed = true
  }
  let boundaries = settings.rfm_boundaries
  if (!boundaries && [...contacts.values()].some((c) => c.orders_changed)) {
    boundaries = await computeRfmBoundaries(em, [...contacts.values()])
  }

  // 3. Per contact: fit, decay, totals, RFM, stage.
  const fitRules = rules.filter((r) => r.kind === "fit")
  const updates: Record<string, unknown>[] = []
  for (const contact of contacts.values()) {
    const previousFit = new Set<string>(contact.fit_rule_ids ?? [])
    const holding = fitRules.filter((rule) => fitRuleHolds(rule, contact, input.now))
    const fitEntries: NewEntry[] = []
    for (const rule of holding) {
      if (!previousFit.has(rule.id)) fitEntries.push(fitEntry(contact.id, rule, rule.points, `Now matches "${rule.name}"`, nowIso))
    }
    for (const ruleId of previousFit) {
      const rule = rules.find((r) => r.id === ruleId)
      if (!holding.some((r) => r.id === ruleId) && rule) {
        fitEntries.push(fitEntry(contact.id, rule, -rule.points, `No longer matches "${rule.name}"`, nowIso))
      }
    }
    await insertEntries(em, fitEntries)
    const fitScore = holding.reduce((sum, r) => sum + r.points, 0)

    const mine = applied.filter((e) => e.contact_id === contact.id)
    let engagement = Number(contact.engagement_score) * decayFactor(elapsed(contact.scored_at, input.now), settings.half_life_days)
    for (const e of mine) {
      if (e.component === "engagement") {
        engagement += e.delta * decayFactor(input.now.getTime() - Date.parse(e.occurred_at), settings.half_life_days)
      }
    }
    const loyaltyPoints = contact.loyalty_points + mine.filter((e) => e.component === "loyalty_rule").reduce((s, e) => s + e.delta, 0)

    let rfm = { r: contact.rfm_recency, f: contact.rfm_frequency, m: contact.rfm_monetary, group: contact.rfm_group }
    if (contact.orders_changed) {
      rfm = contact.order_count > 0 && boundaries ? bandContact(contact, boundaries) : { r: null, f: null, m: null, group: null }
      const before = contact.rfm_recency ? rfmPoints(contact.rfm_recency, contact.rfm_frequency!, contact.rfm_monetary!) : 0
      const after = rfm.r ? rfmPoints(rfm.r, rfm.f!, rfm.m!) : 0
      if (after !== before) {
        await insertEntries(em, [
          {
            id: id("mscore"),
            contact_id: contact.id,
            score: "loyalty",
            component: "rfm",
            delta: after - before,
            rule_id: null,
            event_id: null,
            reason: rfm.r ? `RFM ${rfm.r}-${rfm.f}-${rfm.m} (${rfm.group})` : "No orders left",
            occurred_at: nowIso,
          },
        ])
      }
    }
    const rfmPart = rfm.r ? rfmPoints(rfm.r, rfm.f!, rfm.m!) : 0
    const acquisition = Math.round(engagement + fitScore)
    const loyalty = rfmPart + loyaltyPoints

    for (const crossing of thresholdsCrossed(contact.acquisition_score, acquisition, settings)) {
      outcome.crossings.push({ ...crossing, contact_id: contact.id, score: "acquisition", score_value: acquisition })
    }
    const stage = stageFor(
      { current: contact.lifecycle_stage, acquisition_score: acquisition, order_count: contact.order_count, loyalty_score: loyalty, rfm_group: rfm.group },
      settings
    )
    if (stage !== contact.lifecycle_stage) {
      outcome.stage_changes.push({
        contact_id: contact.id,
        from_stage: contact.lifecycle_stage,
        to_stage: stage,
        reason: stageReason(stage, acquisition, loyalty, contact.order_count, rfm.group),
        changed_at: nowIso,
      })
    }
    updates.push({
      id: contact.id,
      engagement_score: engagement,
      fit_score: fitScore,
      fit_rule_ids: holding.map((r) => r.id),
      acquisition_score: acquisition,
      loyalty_points: loyaltyPoints,
      loyalty_score: loyalty,
      order_count: contact.order_count,
      total_spent: Number(contact.total_spent),
      last_order_at: contact.last_order_at,
      rfm_recency: rfm.r,
      rfm_frequency: rfm.f,
      rfm_monetary: rfm.m,
      rfm_group: rfm.group,
      lifecycle_stage: stage,
      stage_changed: stage !== contact.lifecycle_stage,
    })
  }

  await em.execute(
    `UPDATE marketing_contact c SET
       engagement_score = u.engagement_score, fit_score = u.fit_score, fit_rule_ids = u.fit_rule_ids,
       acquisition_score = u.acquisition_score, loyalty_points = u.loyalty_points, loyalty_score = u.loyalty_score,
       order_count = u.order_count, total_spent = u.total_spent, last_order_at = u.last_order_at,
       rfm_recency = u.rfm_recency, rfm_frequency = u.rfm_frequency, rfm_monetary = u.rfm_monetary, rfm_group = u.rfm_group,
       lifecycle_stage = u.lifecycle_stage,
       lifecycle_stage_at = CASE WHEN u.stage_changed THEN ?::timestamptz ELSE c.lifecycle_stage_at END,
       scored_at = ?::timestamptz, updated_at = now()
     FROM jsonb_to_recordset(?::jsonb) AS u(id text, engagement_score float8, fit_score int, fit_rule_ids jsonb,
       acquisition_score int, loyalty_points int, loyalty_score int, order_count int, total_spent float8,
       last_order_at timestamptz, rfm_recency int, rfm_frequency int, rfm_monetary int, rfm_group text,
       lifecycle_stage text, stage_changed boolean)
     WHERE c.id = u.id`,
    [nowIso, nowIso, JSON.stringify(updates)]
  )
  await recordStageChanges(em, outcome.stage_changes)
  return outcome
}

function fitEntry(contactId: string, rule: RuleRow, delta: number, reason: string, at: string): NewEntry {
  return { id: id("mscore"), contact_id: contactId, score: "acquisition", component: "fit", delta, rule_id: rule.id, event_id: null, reason, occurred_at: at }
}

function elapsed(from: string | null, now: Date): number {
  return from ? now.getTime() - Date.parse(from) : 0
}

function bandContact(contact: ContactState, b: RfmBoundaries) {
  const r = band(Date.parse(contact.last_order_at!) / 1000, b.recency)
  const f = band(contact.order_count, b.frequency)
  const m = band(Number(contact.total_spent), b.monetary)
  return { r, f, m, group: rfmGroup(r, f, m) as string }
}

function stageReason(stage: LifecycleStage, acquisition: number, loyalty: number, orders: number, group: string | null): string {
  if (stage === "lost" || stage === "at_risk") return `RFM group ${group}`
  if (stage === "vip") return `Loyalty score ${loyalty}`
  if (stage === "customer" || stage === "repeat_customer") return `${orders} order${orders === 1 ? "" : "s"}`
  return `Acquisition score ${acquisition}`
}

async function recordStageChanges(em: SqlRunner, changes: StageChange[]): Promise<void> {
  if (!changes.length) return
  await em.execute(
    `INSERT INTO marketing_lifecycle_stage_change (id, contact_id, from_stage, to_stage, reason, changed_at)
     SELECT r.id, r.contact_id, r.from_stage, r.to_stage, r.reason, r.changed_at
       FROM jsonb_to_recordset(?::jsonb) AS r(id text, contact_id text, from_stage text, to_stage text, reason text, changed_at timestamptz)`,
    [JSON.stringify(changes.map((c) => ({ id: id("mstage"), ...c })))]
  )
}

/**
 * Quintile cut points over every customer (contacts with orders), with the
 * contacts being scored counted at their new values.
 */
async function computeRfmBoundaries(em: SqlRunner, pending: ContactState[] = []): Promise<RfmBoundaries | null> {
  const overrides = pending
    .filter((c) => c.orders_changed)
    .map((c) => ({ id: c.id, order_count: c.order_count, total_spent: Number(c.total_spent), last_order_at: c.last_order_at }))
  const [row] = await em.execute(
    `WITH o AS (SELECT * FROM jsonb_to_recordset(?::jsonb) AS o(id text, order_count int, total_spent float8, last_order_at timestamptz)),
     customers AS (
       SELECT COALESCE(o.order_count, c.order_count) AS order_count,
              COALESCE(o.total_spent, c.total_spent) AS total_spent,
              COALESCE(o.last_order_at, c.last_order_at) AS last_order_at
         FROM marketing_contact c LEFT JOIN o ON o.id = c.id
        WHERE c.deleted_at IS NULL
     )
     SELECT count(*)::int AS customers,
            percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY extract(epoch FROM last_order_at)::float8) AS recency,
            percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY order_count::float8) AS frequency,
            percentile_disc(ARRAY[0.2, 0.4, 0.6, 0.8]) WITHIN GROUP (ORDER BY total_spent::float8) AS monetary
       FROM customers WHERE order_count > 0`,
    [JSON.stringify(overrides)]
  )
  const asNumbers = (xs: unknown) => (Array.isArray(xs) ? xs.map(Number) : [])
  if (!row || Number(row.customers) < MIN_RFM_CUSTOMERS) return null
  return { recency: asNumbers(row.recency), frequency: asNumbers(row.frequency), monetary: asNumbers(row.monetary) }
}

/** Quintiles need at least five customers; below that, nobody gets an RFM group. */
export const MIN_RFM_CUSTOMERS = 5

/**
 * Full RFM: new quintile cut points over all customers, then every
 * customer's bands, group and loyalty score, set-based. Ledger entries record
 * each change of RFM points.
 *
 * With `updateStages: false` (the full recompute), the new bands are left in
 * the transaction's temporary table `mma_rfm` instead of being written to the
 * contacts: `recomputeAll`, which must follow in the same transaction, writes
 * them together with the scores and stages, so each contact is rewritten once.
 */
export async function recomputeRfm(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  now: Date,
  { updateStages = true }: { updateStages?: boolean } = {}
): Promise<{ customers: number; boundaries: RfmBoundaries | null }> {
  await pausePoint("RFM")
  await setBulkSession(em)
  await em.execute(`DROP TABLE IF EXISTS pg_temp.mma_rfm`)
  const boundaries = await computeRfmBoundaries(em)
  if (!boundaries) {
    await em.execute(
      `UPDATE marketing_contact SET rfm_recency = NULL, rfm_frequency = NULL, rfm_monetary = NULL, rfm_group = NULL,
              loyalty_score = loyalty_points WHERE rfm_recency IS NOT NULL`
    )
    await em.execute(
      `UPDATE marketing_scoring_settings SET rfm_boundaries = NULL, rfm_computed_at = ?::timestamptz WHERE id = ?`,
      [now.toISOString(), settings.id]
    )
    if (updateStages) await recomputeStages(em, settings, now, "RFM recomputed")
    return { customers: 0, boundaries: null }
  }
  // A band is 1 + the number of cut points below the value, as `band` counts.
  const bandSql = (value: string, cuts: number[]) =>
    `(1${cuts.map(() => ` + COALESCE(?::float8 < ${value}, false)::int`).join("")})`
  await em.execute(
    `CREATE TEMP TABLE mma_rfm ON COMMIT DROP AS
     SELECT id, r, f, m, ${rfmGroupSql("r", "f", "m")} AS grp, round(((r + f + m - 3) / 12.0) * 100)::int AS points, old_points
       FROM (
         SELECT c.id, ${bandSql("extract(epoch FROM c.last_order_at)::float8", boundaries.recency)} AS r,
                ${bandSql("c.order_count::float8", boundaries.frequency)} AS f,
                ${bandSql("c.total_spent::float8", boundaries.monetary)} AS m,
                CASE WHEN c.rfm_recency IS NULL THEN 0 ELSE round(((c.rfm_recency + c.rfm_frequency + c.rfm_monetary - 3) / 12.0) * 100)::int END AS old_points
           FROM marketing_contact c WHERE c.deleted_at IS NULL AND c.order_count > 0) b`,
    [...boundaries.recency, ...boundaries.frequency, ...boundaries.monetary]
  )
  await em.execute(`ALTER TABLE mma_rfm ADD PRIMARY KEY (id)`)
  await em.execute(`ANALYZE mma_rfm`)
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, reason, occurred_at)
     SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), id, 'loyalty', 'rfm', points - old_points,
            'RFM ' || r || '-' || f || '-' || m || ' (' || grp || ')', ?::timestamptz
       FROM mma_rfm WHERE points <> old_points`,
    [bulkIdPrefix(now, "rfm"), now.toISOString()]
  )
  const [{ n: customers }] = await em.execute(`SELECT count(*)::int AS n FROM mma_rfm`)
  if (updateStages) {
    await em.execute(
      `UPDATE marketing_contact c SET rfm_recency = x.r, rfm_frequency = x.f, rfm_monetary = x.m, rfm_group = x.grp,
              loyalty_score = x.points + c.loyalty_points, updated_at = now()
         FROM mma_rfm x WHERE c.id = x.id`
    )
  }
  await em.execute(
    `UPDATE marketing_scoring_settings SET rfm_boundaries = ?::jsonb, rfm_computed_at = ?::timestamptz, updated_at = now() WHERE id = ?`,
    [JSON.stringify(boundaries), now.toISOString(), settings.id]
  )
  if (updateStages) {
    await recomputeStages(em, settings, now, "RFM recomputed")
    await em.execute(`DROP TABLE mma_rfm`)
  }
  return { customers, boundaries }
}

/**
 * Moves every stored engagement score to `now` (the nightly job), so lists
 * and segments sort by what screens show. Returns threshold crossings.
 */
export async function decayAll(em: SqlRunner, settings: ScoringSettingsRow, now: Date): Promise<ScoreCrossing[]> {
  const rows: { id: string; before: number; after: number }[] = await em.execute(
    `WITH d AS (
       SELECT id, acquisition_score AS before,
              engagement_score * ${decayFactorSql("COALESCE(scored_at, ?::timestamptz)")} AS engagement
         FROM marketing_contact WHERE deleted_at IS NULL AND engagement_score <> 0
     )
     UPDATE marketing_contact c SET engagement_score = d.engagement,
            acquisition_score = round(d.engagement + c.fit_score)::int, scored_at = ?::timestamptz
       FROM d WHERE c.id = d.id
       RETURNING c.id, d.before, c.acquisition_score AS after`,
    [now.toISOString(), now.toISOString(), settings.half_life_days, now.toISOString()]
  )
  const crossings: ScoreCrossing[] = []
  for (const row of rows) {
    for (const c of thresholdsCrossed(row.before, row.after, settings)) {
      crossings.push({ ...c, contact_id: row.id, score: "acquisition", score_value: row.after })
    }
  }
  return crossings
}

export type RecomputeProgress = (progress: number, step: string) => Promise<void>

/** From this many contacts to rewrite, a recompute rebuilds the contact indexes instead of updating them row by row. */
export const BULK_CONTACT_WRITES = 50_000

/**
 * Past this share of the rule entries changing (the first recompute of a
 * store, a new rule matching many events), a recompute rebuilds the ledger
 * whole instead of changing it in place. Measured at 1M contacts: changing an
 * entry in place costs about 5× what rewriting it in a rebuild does.
 */
export const LEDGER_REBUILD_SHARE = 0.2

type RuleTable = { sql: string; params: unknown[] }

/**
 * Rebuilds the rule ledger and every contact's scores from the stored events,
 * set-based, with the same formulas as live scoring, so both agree:
 *
 * 1. one pass over the events finds every (rule, event) match, caps applied by
 *    a window function, into a narrow temporary table;
 * 2. the matches are compared with the ledger's rule entries. When few differ
 *    (a rule was edited), only those are deleted, changed or added, and fit
 *    entries get corrections; when most differ, the ledger is emptied and
 *    refilled in one INSERT, without its indexes (rebuilt afterwards);
 * 3. one pass over the contacts tests the fit rules and sums each contact's
 *    points from the matches (not from the ledger again), with the new stage;
 * 4. one UPDATE writes each contact whose scores, bands or stage changed.
 *
 * All in the caller's transaction: readers see the old ledger and scores until it commits.
 */
export async function recomputeAll(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  rules: RuleRow[],
  now: Date,
  progress: RecomputeProgress
): Promise<Record<string, number>> {
  await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [SCORING_LOCK])
  const nowIso = now.toISOString()
  const stats: Record<string, number> = {}
  await setBulkSession(em)

  const eventRules = rules.filter((r) => r.kind !== "fit")
  const rulesTable = ruleTable(eventRules)
  await progress(0.02, `Scoring events against ${eventRules.length} rules`)
  await pausePoint("matching")
  await stageMatches(em, eventRules, rulesTable, now)

  await progress(0.3, "Comparing with the ledger")
  const outOfSync = await compareLedger(em, rulesTable, stats)
  const rebuild = outOfSync === null
  let restoreIndexes: (() => Promise<void>) | null = null
  if (rebuild) {
    await progress(0.35, "Writing the ledger")
    await pausePoint("ledger rebuild")
    restoreIndexes = await refillLedger(em, rulesTable, now, stats)
  } else {
    await progress(0.35, "Updating the ledger")
    await pausePoint("in-place changes")
    await applyLedgerChanges(em, rulesTable, outOfSync, now)
  }

  // 3. Per contact: fit rules tested, points summed from the matches, new totals and stage.
  const fitRules = rules.filter((r) => r.kind === "fit")
  await progress(0.6, fitRules.length ? `Fit rules and totals (${fitRules.length} fit rules)` : "Totals")
  await pausePoint("totals and fit")
  const fitCols: string[] = []
  const fitParams: unknown[] = []
  fitRules.forEach((rule, i) => {
    const cond = rule.conditions ? compileCondition(rule.conditions, CONTACT_FIELDS, { alias: "c", now }) : { sql: "true", params: [] }
    fitCols.push(`COALESCE((${cond.sql}), false) AS fit${i}`)
    fitParams.push(...cond.params)
  })
  const fitScore = fitRules.length ? fitRules.map((r, i) => `CASE WHEN fit${i} THEN ${Number(r.points)} ELSE 0 END`).join(" + ") : "0"
  const fitIds = fitRules.length
    ? `to_jsonb(array_remove(ARRAY[${fitRules.map((_, i) => `CASE WHEN fit${i} THEN ?::text END`).join(", ")}], NULL))`
    : `'[]'::jsonb`
  const rfmPointsOf = (a: string) => `CASE WHEN ${a}.rfm_recency IS NULL THEN 0
      ELSE round(((${a}.rfm_recency + ${a}.rfm_frequency + ${a}.rfm_monetary - 3) / 12.0) * 100)::int END`
  await em.execute(
    `CREATE TEMP TABLE mma_sums ON COMMIT DROP AS
     SELECT m.contact_id,
            sum(CASE WHEN r.component = 'engagement' THEN r.points * ${decayFactorSql("m.occurred_at")} ELSE 0 END) AS engagement,
            sum(CASE WHEN r.component = 'loyalty_rule' THEN r.points ELSE 0 END)::int AS loyalty_points
       FROM mma_match m JOIN ${rulesTable.sql} ON r.idx = m.idx
      GROUP BY m.contact_id`,
    [nowIso, settings.half_life_days, ...rulesTable.params]
  )
  // New RFM bands left by `recomputeRfm` (same transaction) are written with everything else.
  const [{ rfm: withRfm }] = await em.execute(`SELECT to_regclass('pg_temp.mma_rfm') IS NOT NULL AS rfm`)
  const rfmCol = (col: string, x: string) => (withRfm ? `CASE WHEN b.id IS NULL THEN c.${col} ELSE b.${x} END` : `c.${col}`)
  const stage = stageTargetSql(settings, "n", "stage_before")
  // OFFSET 0 keeps each subquery a step of its own: flattened, every use of
  // a column (the stage tests the acquisition score six times) would repeat
  // the fit conditions behind it, which tripled the cost of this statement.
  await em.execute(
    `CREATE TEMP TABLE mma_new ON COMMIT DROP AS
     SELECT n.*, ${stage.sql} AS stage_after FROM (
       SELECT x.*, (${fitScore}) AS fit, ${fitIds} AS fit_rule_ids,
              round(x.engagement + (${fitScore}))::int AS acquisition_score,
              x.loyalty_points + ${rfmPointsOf("x")} AS loyalty_score
         FROM (
           SELECT c.id, c.lifecycle_stage AS stage_before, c.order_count,
                  ${rfmCol("rfm_recency", "r")} AS rfm_recency, ${rfmCol("rfm_frequency", "f")} AS rfm_frequency,
                  ${rfmCol("rfm_monetary", "m")} AS rfm_monetary, ${rfmCol("rfm_group", "grp")} AS rfm_group,
                  COALESCE(s.engagement, 0)::float8 AS engagement, COALESCE(s.loyalty_points, 0) AS loyalty_points
                  ${fitCols.map((c) => `, ${c}`).join("")}
             FROM marketing_contact c LEFT JOIN mma_sums s ON s.contact_id = c.id
                  ${withRfm ? "LEFT JOIN mma_rfm b ON b.id = c.id" : ""}
            WHERE c.deleted_at IS NULL OFFSET 0) x OFFSET 0) n`,
    [...stage.params, ...fitRules.map((r) => r.id), ...fitParams]
  )
  await em.execute(`ANALYZE mma_new`)
  if (rebuild) {
    // The emptied ledger gets one entry per fit rule a contact matches.
    for (const [i, rule] of fitRules.entries()) {
      const [{ n }] = await em.execute(
        `WITH ins AS (
           INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, reason, occurred_at)
           SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), id, 'acquisition', 'fit', ?, ?, ?, ?::timestamptz
             FROM mma_new WHERE fit${i}
           RETURNING 1)
         SELECT count(*)::int AS n FROM ins`,
        [bulkIdPrefix(now, `f${i}`), rule.points, rule.id, `Now matches "${rule.name}"`, nowIso]
      )
      stats[`fit:${rule.id}`] = n
    }
  } else {
    stats.fit_corrections = await correctFitEntries(em, fitRules, now)
  }

  if (restoreIndexes) {
    await progress(0.7, "Indexing the ledger")
    await pausePoint("ledger indexes")
    await restoreIndexes()
  }

  // 4. One write per changed contact: scores, fit, RFM bands, stage. A
  // contact whose engagement only decayed since it was scored, and whose
  // rounded scores did not move, is left as it is: its stored values are
  // exact as of its `scored_at`, as after the nightly decay.
  await progress(0.85, "Updating contacts")
  await pausePoint("contacts")
  const rfmMoved = `(c.rfm_recency, c.rfm_frequency, c.rfm_monetary, c.rfm_group) IS DISTINCT FROM (n.rfm_recency, n.rfm_frequency, n.rfm_monetary, n.rfm_group)`
  const changedSql = `(${rfmMoved}
      OR (c.fit_score, c.loyalty_points, c.acquisition_score, c.loyalty_score, COALESCE(c.fit_rule_ids, '[]'::jsonb), c.lifecycle_stage)
         IS DISTINCT FROM (n.fit, n.loyalty_points, n.acquisition_score, n.loyalty_score, n.fit_rule_ids, n.stage_after)
      OR abs(c.engagement_score * ${decayFactorSql("COALESCE(c.scored_at, ?::timestamptz)")} - n.engagement) > 1e-4 * greatest(1, abs(n.engagement)))`
  const changedParams = [nowIso, nowIso, settings.half_life_days]
  const [{ n: toWrite }] = await em.execute(
    `SELECT count(*)::int AS n FROM mma_new n JOIN marketing_contact c ON c.id = n.id WHERE ${changedSql}`,
    changedParams
  )
  // Rewriting many rows costs an entry in every index of the table per row,
  // at random places; past BULK_CONTACT_WRITES rows it is cheaper to drop the
  // secondary indexes and build them again afterwards. That needs the table
  // alone (readers of contacts wait until the commit, a few seconds per 100k
  // contacts); otherwise writers are kept out (they would wait on the rows
  // anyway): take the table first, so a writer that already holds a row
  // finishes before, and none can interleave. This also waits for every
  // ingestion that parked events during the recompute (each updated its
  // contact first): the backlog pass after the commit sees all of them.
  const bulk = toWrite >= BULK_CONTACT_WRITES
  await em.execute(`LOCK TABLE marketing_contact IN ${bulk ? "ACCESS EXCLUSIVE" : "SHARE ROW EXCLUSIVE"} MODE`)
  const contactIndexes: { name: string; def: string }[] = bulk ? await secondaryIndexes(em, "marketing_contact") : []
  for (const { name } of contactIndexes) await em.execute(`DROP INDEX ${name}`)
  const changed: { n: number; stages: number }[] = await em.execute(
    `WITH u AS (
       UPDATE marketing_contact c SET
         engagement_score = n.engagement, fit_score = n.fit, fit_rule_ids = n.fit_rule_ids,
         acquisition_score = n.acquisition_score, loyalty_points = n.loyalty_points, loyalty_score = n.loyalty_score,
         rfm_recency = n.rfm_recency, rfm_frequency = n.rfm_frequency, rfm_monetary = n.rfm_monetary, rfm_group = n.rfm_group,
         updated_at = CASE WHEN ${rfmMoved} THEN now() ELSE c.updated_at END,
         lifecycle_stage = n.stage_after,
         lifecycle_stage_at = CASE WHEN n.stage_after IS DISTINCT FROM c.lifecycle_stage THEN ?::timestamptz ELSE c.lifecycle_stage_at END,
         scored_at = ?::timestamptz
         FROM mma_new n
        WHERE c.id = n.id AND ${changedSql}
       RETURNING c.id, n.stage_before, n.stage_after),
     ins AS (
       INSERT INTO marketing_lifecycle_stage_change (id, contact_id, from_stage, to_stage, reason, changed_at)
       SELECT 'mstage_' || replace(gen_random_uuid()::text, '-', ''), id, stage_before, stage_after, ?, ?::timestamptz
         FROM u WHERE stage_after IS DISTINCT FROM stage_before
       RETURNING 1)
     SELECT (SELECT count(*) FROM u)::int AS n, (SELECT count(*) FROM ins)::int AS stages`,
    [nowIso, nowIso, ...changedParams, "Scores recomputed", nowIso]
  )
  if (contactIndexes.length) await progress(0.95, "Indexing contacts")
  for (const { def } of contactIndexes) await em.execute(def)
  stats.contacts_changed = changed[0].n
  stats.stage_changes = changed[0].stages
  return stats
}

/**
 * The active event rules as a SQL table `r` (idx, id, event_type, points,
 * cap_count, cap_period, score, component, reason), empty when there are none.
 */
function ruleTable(eventRules: RuleRow[]): RuleTable {
  if (!eventRules.length) {
    return {
      sql: `(SELECT NULL::int AS idx, NULL::text AS id, NULL::text AS event_type, NULL::float8 AS points, NULL::int AS cap_count,
                    NULL::text AS cap_period, NULL::text AS score, NULL::text AS component, NULL::text AS reason,
                    NULL::int AS chunk, NULL::int8 AS bit WHERE false) r`,
      params: [],
    }
  }
  const bits = ruleBits(eventRules)
  return {
    sql: `(VALUES ${eventRules.map(() => `(?::int, ?, ?, ?::float8, ?::int, ?, ?, ?, ?, ?::int, ?::int8)`).join(", ")})
      AS r (idx, id, event_type, points, cap_count, cap_period, score, component, reason, chunk, bit)`,
    params: eventRules.flatMap((rule, idx) => {
      const { score, component } = ruleComponent(rule.kind)
      return [idx, rule.id, rule.event_type, rule.points, rule.cap_count ?? null, rule.cap_period ?? null, score, component,
        reasonFor(rule, rule.event_type as string), bits[idx].chunk, bits[idx].bit.toString()]
    }),
  }
}

/** Rules per 64-bit mask; 62 keeps every bit value positive. */
const MASK_BITS = 62

/**
 * Each event rule's bit among the rules of its event type: the matching
 * computes, once per event, a mask of the rules it meets (`chunk` says which
 * mask when a type has more than MASK_BITS rules).
 */
function ruleBits(eventRules: RuleRow[]): { chunk: number; bit: bigint }[] {
  const seen = new Map<string, number>()
  return eventRules.map((rule) => {
    const k = seen.get(rule.event_type as string) ?? 0
    seen.set(rule.event_type as string, k + 1)
    return { chunk: Math.floor(k / MASK_BITS), bit: 1n << BigInt(k % MASK_BITS) }
  })
}

/**
 * 1. Every (rule, event) match, caps applied, into `mma_match` (event_id,
 * contact_id, idx, occurred_at). Each event reads the properties its type's
 * rules test once, computes once which of those rules it meets (a bit mask),
 * and joins just those; a window numbers the matches of capped rules per
 * (rule, contact, UTC day/week/ever) in (occurred_at, id) order, as live
 * scoring counts them. The contact's hash leads the sort, so most comparisons
 * are of two integers. CREATE TABLE AS may read in parallel (an INSERT …
 * SELECT may not).
 */
async function stageMatches(em: SqlRunner, eventRules: RuleRow[], rulesTable: RuleTable, now: Date): Promise<void> {
  if (!eventRules.length) {
    await em.execute(
      `CREATE TEMP TABLE mma_match ON COMMIT DROP AS
       SELECT NULL::text AS event_id, NULL::text AS contact_id, NULL::int AS idx, NULL::timestamptz AS occurred_at WHERE false`
    )
    return
  }
  const compiled = compileEventRules(eventRules, now)
  const types = [...new Set(eventRules.map((rule) => rule.event_type as string))]
  const mask =
    compiled.masks.length === 1
      ? "e.m0"
      : `CASE r.chunk ${compiled.masks.map((_, c) => `WHEN ${c} THEN e.m${c}`).join(" ")} END`
  await em.execute(
    `CREATE TEMP TABLE mma_match ON COMMIT DROP AS
     SELECT event_id, contact_id, idx, occurred_at FROM (
       SELECT e.id AS event_id, e.contact_id, r.idx, e.occurred_at, r.cap_count,
              row_number() OVER (
                PARTITION BY hashtext(e.contact_id), r.idx, e.contact_id COLLATE "C",
                  CASE r.cap_period WHEN 'day' THEN date_trunc('day', e.occurred_at AT TIME ZONE 'UTC')
                                    WHEN 'week' THEN date_trunc('week', e.occurred_at AT TIME ZONE 'UTC') END
                ORDER BY e.occurred_at, e.id COLLATE "C") AS n
         FROM (
           SELECT e.id, e.contact_id, e.type, e.occurred_at, ${compiled.masks.join(", ")}
             FROM (
               SELECT e.id, e.contact_id, e.type, e.occurred_at ${compiled.slots.map((f) => `, ${f}`).join("")}
                 FROM marketing_event e
                WHERE e.deleted_at IS NULL AND e.type IN (${types.map(() => "?").join(", ")})
                  AND NOT EXISTS (SELECT 1 FROM marketing_contact c WHERE c.id = e.contact_id AND c.deleted_at IS NOT NULL)) e) e
         JOIN ${rulesTable.sql} ON r.event_type = e.type AND (${mask} & r.bit) <> 0
     ) m WHERE cap_count IS NULL OR n <= cap_count`,
    [...compiled.maskParams, ...compiled.slotParams, ...types, ...rulesTable.params]
  )
}

/**
 * 2a. Null when the ledger's rule entries are best rebuilt whole. Otherwise
 * the ids of the rules whose entries differ from their matches, with every
 * entry to delete (`event_id` null), to change (both set) or to add
 * (`entry_id` null) left in `mma_diff`.
 *
 * One pass over the ledger fingerprints each rule's entries (their count and
 * an order-free hash of their events, contacts and times, per definition:
 * score, component, points, reason) into `mma_ledger`, which also keeps the
 * fit points each contact holds per fit rule (for `correctFitEntries`).
 * A rule whose fingerprint equals that of its matches is in sync and is not
 * compared entry by entry: after one rule edit, only that rule's entries are.
 */
async function compareLedger(em: SqlRunner, rulesTable: RuleTable, stats: Record<string, number>): Promise<string[] | null> {
  // Hashed, not sorted: the groups (about one per fit rule a contact holds)
  // fit in memory, and sorting ten million entries for them took 4x longer.
  await pausePoint("ledger pass")
  const [{ sort }] = await em.execute(`SELECT current_setting('enable_sort') AS sort`)
  await em.execute(`SET LOCAL enable_sort = off`)
  await em.execute(
    `CREATE TEMP TABLE mma_ledger ON COMMIT DROP AS
     SELECT CASE WHEN event_id IS NULL THEN contact_id END AS contact_id, rule_id, component,
            CASE WHEN event_id IS NOT NULL THEN score END AS score,
            CASE WHEN event_id IS NOT NULL THEN delta END AS delta,
            CASE WHEN event_id IS NOT NULL THEN reason END AS reason,
            count(*)::bigint AS n, bit_xor(CASE WHEN event_id IS NOT NULL THEN ${entryHash("event_id", "contact_id", "occurred_at")} END) AS h,
            sum(delta)::float8 AS points
       FROM marketing_score_entry
      WHERE deleted_at IS NULL AND rule_id IS NOT NULL AND (event_id IS NOT NULL OR component = 'fit')
      GROUP BY 1, 2, 3, 4, 5, 6`
  )
  await em.execute(`SELECT set_config('enable_sort', ?, true)`, [sort])
  await em.execute(`ANALYZE mma_ledger`)
  const [{ existing }] = await em.execute(
    `SELECT COALESCE(sum(n), 0)::int AS existing FROM mma_ledger WHERE contact_id IS NULL AND component <> 'fit'`
  )
  if (!existing) {
    const [{ n }] = await em.execute(`SELECT count(*)::int AS n FROM mma_match`)
    stats.event_entries = n
    return null
  }
  await pausePoint("fingerprints")
  await em.execute(
    `CREATE TEMP TABLE mma_match_print ON COMMIT DROP AS
     SELECT idx, count(*)::bigint AS n, bit_xor(${entryHash("event_id", "contact_id", "occurred_at")}) AS h FROM mma_match GROUP BY idx`
  )
  const [{ matched }] = await em.execute(`SELECT COALESCE(sum(n), 0)::int AS matched FROM mma_match_print`)
  stats.event_entries = matched
  // With fewer entries than this, more than the share would have to be added.
  if (!matched || existing < Math.ceil(matched * (1 - LEDGER_REBUILD_SHARE))) return null

  // Rules out of sync: their entries differ from their matches in number,
  // events, contacts or times, or were written under another definition.
  // Entries of rules that are no longer active event rules all go.
  await pausePoint("comparison")
  const outOfSync: { idx: number | null; rule_id: string }[] = await em.execute(
    `WITH m AS (SELECT * FROM mma_match_print),
     l AS (SELECT * FROM mma_ledger WHERE contact_id IS NULL AND component <> 'fit'),
     g AS (SELECT rule_id, count(*) AS definitions FROM l GROUP BY rule_id)
     SELECT r.idx, r.id AS rule_id
       FROM ${rulesTable.sql}
       LEFT JOIN m ON m.idx = r.idx
       LEFT JOIN g ON g.rule_id = r.id
       LEFT JOIN l ON l.rule_id = r.id AND l.score = r.score AND l.component = r.component
                  AND l.delta = r.points::real AND l.reason = r.reason
      WHERE NOT COALESCE(
              COALESCE(g.definitions, 0) = 0 AND m.idx IS NULL
              OR COALESCE(g.definitions, 0) = 1 AND l.rule_id IS NOT NULL AND l.n = COALESCE(m.n, 0) AND l.h IS NOT DISTINCT FROM m.h,
              false)
     UNION ALL
     SELECT DISTINCT NULL::int, l.rule_id FROM l WHERE NOT EXISTS (SELECT 1 FROM ${rulesTable.sql} WHERE r.id = l.rule_id)`,
    [...rulesTable.params, ...rulesTable.params]
  )
  stats.rules_compared = outOfSync.length
  const idxs = outOfSync.flatMap((o) => (o.idx === null ? [] : [o.idx]))
  const ruleIds = outOfSync.map((o) => o.rule_id)
  await em.execute(
    `CREATE TEMP TABLE mma_diff ON COMMIT DROP AS
     SELECT s.id AS entry_id, m.event_id, m.contact_id, m.idx, m.occurred_at
       FROM (SELECT m.event_id, m.contact_id, m.idx, m.occurred_at, r.id AS rule_id,
                    ${entryDigest("m.contact_id", "r.score", "r.component", "r.points::real", "r.reason", "m.occurred_at")} AS digest
               FROM mma_match m JOIN ${rulesTable.sql} ON r.idx = m.idx
              WHERE m.idx = ANY(?::int[])) m
       FULL JOIN (SELECT id, rule_id, event_id, ${entryDigest("contact_id", "score", "component", "delta", "reason", "occurred_at")} AS digest
                    FROM marketing_score_entry
                   WHERE event_id IS NOT NULL AND deleted_at IS NULL AND rule_id = ANY(?::text[])) s
         ON s.rule_id = m.rule_id AND s.event_id = m.event_id
      WHERE m.event_id IS NULL OR s.id IS NULL OR s.digest <> m.digest`,
    [...rulesTable.params, `{${idxs.join(",")}}`, pgArray(ruleIds)]
  )
  const [diff] = await em.execute(
    `SELECT count(*) FILTER (WHERE entry_id IS NULL)::int AS added, count(*) FILTER (WHERE event_id IS NULL)::int AS removed,
            count(*) FILTER (WHERE entry_id IS NOT NULL AND event_id IS NOT NULL)::int AS changed
       FROM mma_diff`
  )
  const total = Math.max(matched, matched - diff.added + diff.removed)
  if (diff.added + diff.removed + diff.changed > LEDGER_REBUILD_SHARE * total) return null
  Object.assign(stats, { entries_added: diff.added, entries_removed: diff.removed, entries_changed: diff.changed })
  await em.execute(`ANALYZE mma_diff`)
  return ruleIds
}

/**
 * A 64-bit hash of a rule entry's event, contact and time. Combined with
 * bit_xor over a rule's entries it fingerprints them in any order; the outer
 * hash keeps two entries that swapped contacts from cancelling out.
 */
function entryHash(event: string, contact: string, at: string): string {
  return `hashint8extended(hashtextextended(${event}, 0) # hashtextextended(${contact}, 1) # (date_part('epoch', ${at}) * 1000000)::int8, 0)`
}

/**
 * A 64-bit digest of what a rule entry says beyond its (rule, event): the
 * comparison carries one number per side instead of every column, which
 * keeps the hash join of millions of entries in memory.
 */
function entryDigest(contact: string, score: string, component: string, delta: string, reason: string, at: string): string {
  return `hashtextextended(concat_ws('|', ${contact}, ${score}, ${component}, ${delta}, ${reason}, ${at}), 0)`
}

/**
 * 2b. The few rule entries that differ, deleted, changed or added in place.
 * Entries are looked up among those of the rules out of sync (`ruleIds`,
 * through the (rule, event) index), not by joining the whole ledger.
 */
async function applyLedgerChanges(em: SqlRunner, rulesTable: RuleTable, ruleIds: string[], now: Date): Promise<void> {
  const ofRules = `s.rule_id = ANY(?::text[]) AND s.event_id IS NOT NULL AND s.deleted_at IS NULL`
  const rules = pgArray(ruleIds)
  await em.execute(`DELETE FROM marketing_score_entry s USING mma_diff d WHERE d.event_id IS NULL AND s.id = d.entry_id AND ${ofRules}`, [rules])
  await em.execute(
    `UPDATE marketing_score_entry s SET contact_id = d.contact_id, score = r.score, component = r.component, delta = r.points,
            reason = r.reason, occurred_at = d.occurred_at, updated_at = now()
       FROM mma_diff d JOIN ${rulesTable.sql} ON r.idx = d.idx
      WHERE d.entry_id IS NOT NULL AND d.event_id IS NOT NULL AND s.id = d.entry_id AND ${ofRules}`,
    [...rulesTable.params, rules]
  )
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
     SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), d.contact_id, r.score, r.component, r.points, r.id, d.event_id, r.reason, d.occurred_at
       FROM mma_diff d JOIN ${rulesTable.sql} ON r.idx = d.idx
      WHERE d.entry_id IS NULL`,
    [bulkIdPrefix(now, "e"), ...rulesTable.params]
  )
}

/**
 * 2b. The ledger rebuilt whole: keep the RFM history, empty the table
 * (instant, unlike deleting millions of rows), bulk-insert without its
 * indexes, primary key included. Returns what builds them again from their
 * own definitions (a build sorts once; inserting into them costs twice as
 * much), once the fit entries are in. TRUNCATE locks the table until commit,
 * so nobody sees it without them.
 */
async function refillLedger(em: SqlRunner, rulesTable: RuleTable, now: Date, stats: Record<string, number>): Promise<() => Promise<void>> {
  await em.execute(`CREATE TEMP TABLE mma_rfm_entries ON COMMIT DROP AS SELECT * FROM marketing_score_entry WHERE component = 'rfm'`)
  const indexes = await secondaryIndexes(em, "marketing_score_entry")
  // The primary key is dropped too unless another table's foreign key needs it.
  const keys: { conname: string; condef: string }[] = await em.execute(
    `SELECT conname, pg_get_constraintdef(oid) AS condef FROM pg_constraint
      WHERE conrelid = 'marketing_score_entry'::regclass AND contype IN ('p', 'u')
        AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.confrelid = 'marketing_score_entry'::regclass)`
  )
  const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`
  await em.execute(`TRUNCATE marketing_score_entry`)
  for (const { conname } of keys) await em.execute(`ALTER TABLE marketing_score_entry DROP CONSTRAINT ${quoted(conname)}`)
  for (const { name } of indexes) await em.execute(`DROP INDEX IF EXISTS ${name}`)
  await em.execute(`INSERT INTO marketing_score_entry SELECT * FROM mma_rfm_entries`)
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
     SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), m.contact_id, r.score, r.component, r.points,
            r.id, m.event_id, r.reason, m.occurred_at
       FROM mma_match m JOIN ${rulesTable.sql} ON r.idx = m.idx`,
    [bulkIdPrefix(now, "e"), ...rulesTable.params]
  )
  stats.ledger_rebuilt = 1
  return async () => {
    for (const { conname, condef } of keys) await em.execute(`ALTER TABLE marketing_score_entry ADD CONSTRAINT ${quoted(conname)} ${condef}`)
    for (const { def } of indexes) await em.execute(def)
    // The planner must know the ledger now holds millions of rows.
    await em.execute(`ANALYZE marketing_score_entry`)
  }
}

/**
 * 3b. Fit entries corrected in place: for each contact and fit rule, the
 * ledger's fit entries must add up to the rule's points while the contact
 * matches and to nothing otherwise (a rule deactivated, its points changed,
 * a contact's attributes changed). One entry makes up each difference.
 */
async function correctFitEntries(em: SqlRunner, fitRules: RuleRow[], now: Date): Promise<number> {
  const target = fitRules.length
    ? fitRules.map((_, i) => `SELECT id AS contact_id, ?::text AS rule_id, ?::float8 AS points FROM mma_new WHERE fit${i}`).join(" UNION ALL ")
    : `SELECT NULL::text AS contact_id, NULL::text AS rule_id, NULL::float8 AS points WHERE false`
  const [{ n }] = await em.execute(
    `WITH target AS (${target}),
     held AS (SELECT contact_id, rule_id, points FROM mma_ledger WHERE component = 'fit' AND contact_id IS NOT NULL),
     d AS (
       SELECT COALESCE(t.contact_id, h.contact_id) AS contact_id, COALESCE(t.rule_id, h.rule_id) AS rule_id,
              COALESCE(t.points, 0) - COALESCE(h.points, 0) AS delta, t.rule_id IS NOT NULL AS holds, COALESCE(h.points, 0) AS before
         FROM target t FULL JOIN held h ON h.contact_id = t.contact_id AND h.rule_id = t.rule_id
        WHERE abs(COALESCE(t.points, 0) - COALESCE(h.points, 0)) > 1e-6
          -- Targets are live contacts; points held by a deleted one are left alone.
          AND (t.contact_id IS NOT NULL
               OR EXISTS (SELECT 1 FROM marketing_contact c WHERE c.id = h.contact_id AND c.deleted_at IS NULL))),
     ins AS (
       INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, reason, occurred_at)
       SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), d.contact_id, 'acquisition', 'fit', d.delta, d.rule_id,
              CASE WHEN NOT d.holds THEN 'No longer matches "' || COALESCE(r.name, d.rule_id) || '"'
                   WHEN d.before = 0 THEN 'Now matches "' || r.name || '"'
                   ELSE 'Points changed for "' || r.name || '"' END,
              ?::timestamptz
         FROM d LEFT JOIN marketing_scoring_rule r ON r.id = d.rule_id
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [...fitRules.flatMap((r) => [r.id, r.points]), bulkIdPrefix(now, "fc"), now.toISOString()]
  )
  return n
}

/**
 * Settings for the rest of a transaction that rewrites scores in bulk: sorts
 * (caps), hashes and index builds stay in memory as far as they can, and no
 * JIT: compiling the long CASE expressions of RFM groups, stages and rule
 * conditions took longer than running them (15 s of JIT for a 3 s scan).
 */
async function setBulkSession(em: SqlRunner): Promise<void> {
  await em.execute(`SET LOCAL work_mem = '256MB'`)
  await em.execute(`SET LOCAL maintenance_work_mem = '512MB'`)
  await em.execute(`SET LOCAL jit = off`)
}

/** A table's indexes other than those of its constraints, with their definitions. */
async function secondaryIndexes(em: SqlRunner, table: string): Promise<{ name: string; def: string }[]> {
  return em.execute(
    `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def
       FROM pg_index i
      WHERE i.indrelid = ?::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)`,
    [table]
  )
}

/** The SQL type a field's value has, which decides the slot it can share. */
const SLOT_TYPES: Record<FieldDef["type"], string> = {
  string: "text",
  enum: "text",
  number: "numeric",
  boolean: "boolean",
  date: "timestamptz",
}

/**
 * The event rules' conditions as per-event bit masks, in SQL for two nested
 * subqueries over `marketing_event e`:
 *
 * - `slots`: each property the rules test, read once per event. Properties of
 *   different event types share a slot column (`CASE e.type WHEN …`), so an
 *   event pays for the properties of its own type only. String properties are
 *   lower-cased here, once, instead of in every comparison.
 * - `masks`: per event, the sum of the bits (see `ruleBits`) of the rules of
 *   its type whose conditions hold, from the slot columns.
 *
 * Both are unnest() of a one-element array: a set-returning function keeps
 * its subquery from being flattened, which would copy each expression into
 * every place that uses it (each condition, each (rule, event) pair).
 */
function compileEventRules(eventRules: RuleRow[], now: Date) {
  const slots: { name: string; sqlType: string; byType: Map<string, string> }[] = []
  const slotOf = new Map<string, string>()
  const slotFor = (eventType: string, def: FieldDef): string => {
    const expr = def.type === "string" ? `lower(${def.column("e")})` : def.column("e")
    const key = `${eventType}\u0000${expr}`
    let name = slotOf.get(key)
    if (!name) {
      const sqlType = SLOT_TYPES[def.type]
      let slot = slots.find((s) => s.sqlType === sqlType && !s.byType.has(eventType))
      if (!slot) slots.push((slot = { name: `s${slots.length}`, sqlType, byType: new Map() }))
      slot.byType.set(eventType, expr)
      slotOf.set(key, (name = slot.name))
    }
    return name
  }

  // Per mask and event type: the terms of its rules, with their parameters in order.
  const bits = ruleBits(eventRules)
  const terms: Map<string, { sql: string[]; params: unknown[] }>[] = []
  eventRules.forEach((rule, idx) => {
    const type = rule.event_type as string
    const { chunk, bit } = bits[idx]
    const byType = (terms[chunk] ??= new Map())
    let t = byType.get(type)
    if (!t) byType.set(type, (t = { sql: [], params: [] }))
    if (!rule.conditions) {
      t.sql.push(`${bit}::int8`)
      return
    }
    const catalog: Record<string, FieldDef> = {}
    for (const [field, def] of Object.entries(ruleCatalog(rule.kind, type, rule.conditions))) {
      catalog[field] = { ...def, folded: def.type === "string", column: (alias) => `${alias}.${slotFor(type, def)}` }
    }
    const cond = compileCondition(rule.conditions, catalog, { alias: "e", now })
    t.sql.push(`CASE WHEN ${cond.sql} THEN ${bit}::int8 ELSE 0::int8 END`)
    t.params.push(...cond.params)
  })

  const masks: string[] = []
  const maskParams: unknown[] = []
  terms.forEach((byType, chunk) => {
    const whens = [...byType].map(([type, t]) => {
      maskParams.push(type, ...t.params)
      return `WHEN ? THEN ${t.sql.join(" + ")}`
    })
    masks.push(`unnest(ARRAY[CASE e.type ${whens.join(" ")} ELSE 0::int8 END]) AS m${chunk}`)
  })
  const slotParams: unknown[] = []
  const slotSql = slots.map(({ name, sqlType, byType }) => {
    const whens = [...byType].map(([type, expr]) => {
      slotParams.push(type)
      return `WHEN ? THEN ${expr}`
    })
    return `unnest(ARRAY[(CASE e.type ${whens.join(" ")} END)::${sqlType}]) AS ${name}`
  })
  return { slots: slotSql, slotParams, masks, maskParams }
}

/**
 * SQL for a contact's stage from its scores, mirroring `stageFor`: `a` names
 * the row with order_count, rfm_group, loyalty_score and acquisition_score,
 * `current` its column holding the current stage.
 */
function stageTargetSql(t: StageThresholds, a: string, current = "lifecycle_stage"): { sql: string; params: unknown[] } {
  const order = `ARRAY['subscriber','lead','marketing_qualified','sales_ready']`
  const rank = `array_position(${order}, ${a}.${current})`
  const reached = `CASE WHEN ${a}.acquisition_score >= ? THEN 'sales_ready' WHEN ${a}.acquisition_score >= ? THEN 'marketing_qualified'
                        WHEN ${a}.acquisition_score >= ? THEN 'lead' ELSE 'subscriber' END`
  const sql = `CASE
      WHEN ${a}.order_count > 0 THEN CASE
        WHEN ${a}.rfm_group IN ('Lost', 'Hibernating') THEN 'lost'
        WHEN ${a}.rfm_group IN ('At risk', 'Can''t lose them') THEN 'at_risk'
        WHEN ${a}.loyalty_score >= ? THEN 'vip'
        WHEN ${a}.order_count >= ? THEN 'repeat_customer'
        ELSE 'customer' END
      WHEN ${rank} IS NOT NULL AND ${rank} > array_position(${order}, ${reached})
        THEN ${a}.${current}
      ELSE ${reached} END`
  const reachedParams = [t.sales_ready_threshold, t.marketing_qualified_threshold, t.lead_threshold]
  return { sql, params: [t.vip_loyalty_score, t.repeat_customer_orders, ...reachedParams, ...reachedParams] }
}

/** Every contact's stage from its scores, in SQL that mirrors `stageFor`. */
async function recomputeStages(em: SqlRunner, t: ScoringSettingsRow, now: Date, reason = "Scores recomputed"): Promise<number> {
  const { sql: target, params } = stageTargetSql(t, "c")
  const changed = await em.execute(
    `WITH n AS (SELECT c.id, c.lifecycle_stage AS before, ${target} AS after FROM marketing_contact c WHERE c.deleted_at IS NULL),
     u AS (
       UPDATE marketing_contact c SET lifecycle_stage = n.after, lifecycle_stage_at = ?::timestamptz
         FROM n WHERE c.id = n.id AND n.after IS DISTINCT FROM n.before
       RETURNING c.id, n.before, n.after
     )
     , ins AS (
       INSERT INTO marketing_lifecycle_stage_change (id, contact_id, from_stage, to_stage, reason, changed_at)
       SELECT 'mstage_' || replace(gen_random_uuid()::text, '-', ''), id, before, after, ?, ?::timestamptz FROM u
       RETURNING 1)
     SELECT count(*)::int AS n FROM ins`,
    [...params, now.toISOString(), reason, now.toISOString()]
  )
  return changed[0].n
}

/**
 * One contact's engagement, fit and loyalty points summed again from its
 * ledger (after a merge brought another contact's entries over), with the
 * same decay formula as everywhere else.
 */
export async function retotalContact(em: SqlRunner, contactId: string, settings: ScoringSettingsRow, now: Date): Promise<void> {
  const nowIso = now.toISOString()
  await em.execute(
    `WITH s AS (
       SELECT COALESCE(sum(CASE WHEN component = 'engagement' THEN delta * ${decayFactorSql("occurred_at")} END), 0) AS engagement,
              COALESCE(sum(CASE WHEN component = 'fit' THEN delta END), 0)::int AS fit,
              COALESCE(sum(CASE WHEN component = 'loyalty_rule' THEN delta END), 0)::int AS loyalty_points,
              COALESCE(sum(CASE WHEN component = 'rfm' THEN delta END), 0)::int AS rfm
         FROM marketing_score_entry WHERE contact_id = ? AND deleted_at IS NULL
     )
     UPDATE marketing_contact c SET engagement_score = s.engagement, fit_score = s.fit,
            acquisition_score = round(s.engagement + s.fit)::int, loyalty_points = s.loyalty_points,
            loyalty_score = s.loyalty_points + CASE WHEN c.rfm_recency IS NULL THEN 0
              ELSE round(((c.rfm_recency + c.rfm_frequency + c.rfm_monetary - 3) / 12.0) * 100)::int END,
            scored_at = ?::timestamptz
       FROM s WHERE c.id = ?`,
    [nowIso, settings.half_life_days, contactId, nowIso, contactId]
  )
}

/**
 * Ids for bulk-inserted ledger rows, in insertion order, so the primary key
 * index is appended to, not scattered. The random part keeps two runs at the
 * same `now` apart (RFM entries outlive a recompute).
 */
function bulkIdPrefix(now: Date, part: string): string {
  return `mscore_r${now.getTime().toString(36)}${randomUUID().slice(0, 6)}${part}_`
}
