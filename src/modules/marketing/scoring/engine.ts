import { randomUUID } from "crypto"
import { CONTACT_FIELDS, compileCondition } from "../conditions"
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

/** What the engine needs from a transaction: raw SQL with `?` placeholders. */
export type SqlRunner = { execute(sql: string, params?: unknown[]): Promise<any> }

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

/** False while a full recompute runs; ingestion then parks its events instead of waiting. */
export async function tryLockScoringShared(em: SqlRunner): Promise<boolean> {
  const [row] = await em.execute(`SELECT pg_try_advisory_xact_lock_shared(hashtext(?)) AS ok`, [SCORING_LOCK])
  return !!row?.ok
}

/** Scores up to `limit` parked events (oldest first) and removes them from the backlog. */
export async function processBacklog(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  rules: RuleRow[],
  now: Date,
  limit = 2000
): Promise<ScoringOutcome & { scored: number }> {
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

function reasonFor(rule: RuleRow, event?: ScorableEvent): string {
  const sign = rule.points > 0 ? `+${rule.points}` : `${rule.points}`
  return event ? `${sign} "${rule.name}" (${event.type})` : `${sign} "${rule.name}"`
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
      reason: reasonFor(rule, event),
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
 */
export async function recomputeRfm(
  em: SqlRunner,
  settings: ScoringSettingsRow,
  now: Date,
  { updateStages = true }: { updateStages?: boolean } = {}
): Promise<{ customers: number; boundaries: RfmBoundaries | null }> {
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
  const r = `(1 + (SELECT count(*) FROM unnest(?::float8[]) cut WHERE cut < extract(epoch FROM c.last_order_at)::float8))::int`
  const f = `(1 + (SELECT count(*) FROM unnest(?::float8[]) cut WHERE cut < c.order_count::float8))::int`
  const m = `(1 + (SELECT count(*) FROM unnest(?::float8[]) cut WHERE cut < c.total_spent::float8))::int`
  const arr = (xs: number[]) => `{${xs.join(",")}}`
  await em.execute(
    `CREATE TEMP TABLE IF NOT EXISTS mma_rfm (id text PRIMARY KEY, r int, f int, m int, grp text, points int, old_points int) ON COMMIT DROP`
  )
  await em.execute(`TRUNCATE mma_rfm`)
  await em.execute(
    `INSERT INTO mma_rfm (id, r, f, m, old_points)
     SELECT c.id, ${r}, ${f}, ${m},
            CASE WHEN c.rfm_recency IS NULL THEN 0 ELSE round(((c.rfm_recency + c.rfm_frequency + c.rfm_monetary - 3) / 12.0) * 100)::int END
       FROM marketing_contact c WHERE c.deleted_at IS NULL AND c.order_count > 0`,
    [arr(boundaries.recency), arr(boundaries.frequency), arr(boundaries.monetary)]
  )
  await em.execute(
    `UPDATE mma_rfm SET grp = ${rfmGroupSql("r", "f", "m")}, points = round(((r + f + m - 3) / 12.0) * 100)::int`
  )
  await em.execute(
    `INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, reason, occurred_at)
     SELECT 'mscore_' || replace(gen_random_uuid()::text, '-', ''), id, 'loyalty', 'rfm', points - old_points,
            'RFM ' || r || '-' || f || '-' || m || ' (' || grp || ')', ?::timestamptz
       FROM mma_rfm WHERE points <> old_points`,
    [now.toISOString()]
  )
  const [{ n: customers }] = await em.execute(
    `WITH u AS (
       UPDATE marketing_contact c SET rfm_recency = x.r, rfm_frequency = x.f, rfm_monetary = x.m, rfm_group = x.grp,
              loyalty_score = x.points + c.loyalty_points, updated_at = now()
         FROM mma_rfm x WHERE c.id = x.id
       RETURNING 1)
     SELECT count(*)::int AS n FROM u`
  )
  await em.execute(
    `UPDATE marketing_scoring_settings SET rfm_boundaries = ?::jsonb, rfm_computed_at = ?::timestamptz, updated_at = now() WHERE id = ?`,
    [JSON.stringify(boundaries), now.toISOString(), settings.id]
  )
  if (updateStages) await recomputeStages(em, settings, now, "RFM recomputed")
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

/**
 * Rebuilds the rule ledger and every contact's scores from the stored events,
 * set-based: one INSERT … SELECT per rule (caps by window functions), one
 * UPDATE for all contacts. The same formulas as live scoring, so both agree.
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
  // Big sorts (caps) and aggregates stay in memory instead of spilling to disk.
  await em.execute(`SET LOCAL work_mem = '256MB'`)

  // The ledger is rebuilt whole: keep the RFM history, empty the table (instant,
  // unlike deleting millions of rows), bulk-insert without secondary indexes,
  // then build them again from their own definitions. All in this transaction,
  // so readers see the old ledger until the new one commits.
  await progress(0.02, "Clearing the ledger")
  await em.execute(`CREATE TEMP TABLE mma_rfm_entries ON COMMIT DROP AS SELECT * FROM marketing_score_entry WHERE component = 'rfm'`)
  const indexes: { indexname: string; indexdef: string }[] = await em.execute(
    `SELECT indexname, indexdef FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'marketing_score_entry' AND indexname <> 'marketing_score_entry_pkey'`
  )
  await em.execute(`TRUNCATE marketing_score_entry`)
  for (const { indexname } of indexes) await em.execute(`DROP INDEX IF EXISTS "${indexname.replace(/"/g, '""')}"`)
  await em.execute(`INSERT INTO marketing_score_entry SELECT * FROM mma_rfm_entries`)

  // All event rules in one pass over the events: each event joins the rules
  // of its type, a CASE applies each rule's own conditions, and one window
  // function numbers matches per (rule, contact, cap window) for the caps.
  const eventRules = rules.filter((r) => r.kind !== "fit")
  if (eventRules.length) {
    await progress(0.05, `Scoring events against ${eventRules.length} rules`)
    const values: string[] = []
    const valueParams: unknown[] = []
    const cases: string[] = []
    const caseParams: unknown[] = []
    eventRules.forEach((rule, i) => {
      const { score, component } = ruleComponent(rule.kind)
      const sign = rule.points > 0 ? `+${rule.points}` : `${rule.points}`
      values.push(`(${i}, ?, ?, ?::float8, ?::int, ?, ?, ?, ?)`)
      valueParams.push(rule.id, rule.event_type, rule.points, rule.cap_count ?? null, rule.cap_period ?? null, score, component, `${sign} "${rule.name}"`)
      const catalog = ruleCatalog(rule.kind, rule.event_type, rule.conditions)
      const cond = rule.conditions ? compileCondition(rule.conditions, catalog, { alias: "e", now }) : { sql: "true", params: [] }
      cases.push(`WHEN ${i} THEN (${cond.sql})`)
      caseParams.push(...cond.params)
    })
    const [{ n }] = await em.execute(
      `WITH r (idx, id, event_type, points, cap_count, cap_period, score, component, reason) AS (VALUES ${values.join(", ")}),
       m AS (
         SELECT e.id AS event_id, e.contact_id, e.type, e.occurred_at, r.*,
                row_number() OVER (
                  PARTITION BY r.idx, e.contact_id,
                    CASE r.cap_period WHEN 'day' THEN date_trunc('day', e.occurred_at AT TIME ZONE 'UTC')
                                      WHEN 'week' THEN date_trunc('week', e.occurred_at AT TIME ZONE 'UTC') END
                  ORDER BY e.occurred_at, e.id COLLATE "C") AS n
           FROM marketing_event e
           JOIN r ON r.event_type = e.type
           JOIN marketing_contact c ON c.id = e.contact_id AND c.deleted_at IS NULL
          WHERE e.deleted_at IS NULL AND CASE r.idx ${cases.join(" ")} ELSE false END
       ),
       ins AS (
         INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, event_id, reason, occurred_at)
         SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), m.contact_id, m.score, m.component, m.points,
                m.id, m.event_id, m.reason || ' (' || m.type || ')', m.occurred_at
           FROM m WHERE m.cap_count IS NULL OR m.n <= m.cap_count
         RETURNING 1
       )
       SELECT count(*)::int AS n FROM ins`,
      [...valueParams, ...caseParams, bulkIdPrefix(now, "e")]
    )
    stats.event_entries = n
  }

  const fitRules = rules.filter((r) => r.kind === "fit")
  let done = 0
  for (const rule of fitRules) {
    await progress(0.55 + 0.2 * (done / fitRules.length), `Fit rule ${done + 1} of ${fitRules.length}: ${rule.name}`)
    const cond = rule.conditions ? compileCondition(rule.conditions, CONTACT_FIELDS, { alias: "c", now }) : { sql: "true", params: [] }
    const [{ n }] = await em.execute(
      `WITH ins AS (
         INSERT INTO marketing_score_entry (id, contact_id, score, component, delta, rule_id, reason, occurred_at)
         SELECT ? || lpad((row_number() OVER ())::text, 12, '0'), c.id, 'acquisition', 'fit', ?, ?, ?, ?::timestamptz
           FROM marketing_contact c WHERE c.deleted_at IS NULL AND (${cond.sql})
         RETURNING 1)
       SELECT count(*)::int AS n FROM ins`,
      [bulkIdPrefix(now, `f${done}`), rule.points, rule.id, `Now matches "${rule.name}"`, nowIso, ...cond.params]
    )
    stats[`fit:${rule.id}`] = n
    done++
  }

  await progress(0.75, "Indexing the ledger")
  for (const { indexdef } of indexes) await em.execute(indexdef)
  // The planner must know the ledger now holds millions of rows.
  await em.execute(`ANALYZE marketing_score_entry`)

  await progress(0.85, "Updating contacts")
  // From here the recompute holds contact rows: take the table first, so a
  // writer that already holds a row finishes before, and none can interleave.
  await em.execute(`LOCK TABLE marketing_contact IN SHARE ROW EXCLUSIVE MODE`)
  await em.execute(
    `CREATE TEMP TABLE mma_totals ON COMMIT DROP AS
     SELECT contact_id,
            sum(CASE WHEN component = 'engagement' THEN delta * ${decayFactorSql("occurred_at")} ELSE 0 END) AS engagement,
            sum(CASE WHEN component = 'fit' THEN delta ELSE 0 END)::int AS fit,
            sum(CASE WHEN component = 'loyalty_rule' THEN delta ELSE 0 END)::int AS loyalty_points,
            COALESCE(jsonb_agg(rule_id) FILTER (WHERE component = 'fit'), '[]'::jsonb) AS fit_rule_ids
       FROM marketing_score_entry WHERE deleted_at IS NULL AND component IN ('engagement', 'fit', 'loyalty_rule')
      GROUP BY contact_id`,
    [nowIso, settings.half_life_days]
  )
  await em.execute(`ANALYZE mma_totals`)
  const rfmPointsSql = `CASE WHEN c.rfm_recency IS NULL THEN 0
                         ELSE round(((c.rfm_recency + c.rfm_frequency + c.rfm_monetary - 3) / 12.0) * 100)::int END`
  // Only rows whose values change are rewritten (each rewrite touches every index).
  const [{ n: withScores }] = await em.execute(
    `WITH u AS (
       UPDATE marketing_contact c SET
         engagement_score = t.engagement, fit_score = t.fit, fit_rule_ids = t.fit_rule_ids,
         acquisition_score = round(t.engagement + t.fit)::int, loyalty_points = t.loyalty_points,
         loyalty_score = t.loyalty_points + ${rfmPointsSql}, scored_at = ?::timestamptz
         FROM mma_totals t
        WHERE c.id = t.contact_id AND c.deleted_at IS NULL
          AND (c.engagement_score::float8, c.fit_score, c.loyalty_points, c.acquisition_score, c.loyalty_score, COALESCE(c.fit_rule_ids, '[]'::jsonb))
              IS DISTINCT FROM (t.engagement::real::float8, t.fit, t.loyalty_points, round(t.engagement + t.fit)::int,
                                t.loyalty_points + ${rfmPointsSql}, t.fit_rule_ids)
       RETURNING 1)
     SELECT count(*)::int AS n FROM u`,
    [nowIso]
  )
  const [{ n: cleared }] = await em.execute(
    `WITH u AS (
       UPDATE marketing_contact c SET engagement_score = 0, fit_score = 0, fit_rule_ids = '[]'::jsonb, acquisition_score = 0,
              loyalty_points = 0, loyalty_score = ${rfmPointsSql}, scored_at = ?::timestamptz
        WHERE c.deleted_at IS NULL
          AND (c.engagement_score <> 0 OR c.fit_score <> 0 OR c.loyalty_points <> 0 OR c.acquisition_score <> 0
               OR c.loyalty_score <> ${rfmPointsSql})
          AND NOT EXISTS (SELECT 1 FROM mma_totals t WHERE t.contact_id = c.id)
       RETURNING 1)
     SELECT count(*)::int AS n FROM u`,
    [nowIso]
  )
  stats.contacts_changed = withScores + cleared

  stats.stage_changes = await recomputeStages(em, settings, now)
  return stats
}

/** Every contact's stage from its scores, in SQL that mirrors `stageFor`. */
async function recomputeStages(em: SqlRunner, t: ScoringSettingsRow, now: Date, reason = "Scores recomputed"): Promise<number> {
  const rank = `array_position(ARRAY['subscriber','lead','marketing_qualified','sales_ready'], c.lifecycle_stage)`
  const reached = `CASE WHEN c.acquisition_score >= ? THEN 'sales_ready' WHEN c.acquisition_score >= ? THEN 'marketing_qualified'
                        WHEN c.acquisition_score >= ? THEN 'lead' ELSE 'subscriber' END`
  const target = `CASE
      WHEN c.order_count > 0 THEN CASE
        WHEN c.rfm_group IN ('Lost', 'Hibernating') THEN 'lost'
        WHEN c.rfm_group IN ('At risk', 'Can''t lose them') THEN 'at_risk'
        WHEN c.loyalty_score >= ? THEN 'vip'
        WHEN c.order_count >= ? THEN 'repeat_customer'
        ELSE 'customer' END
      WHEN ${rank} IS NOT NULL AND ${rank} > array_position(ARRAY['subscriber','lead','marketing_qualified','sales_ready'], ${reached})
        THEN c.lifecycle_stage
      ELSE ${reached} END`
  const params = [
    t.vip_loyalty_score,
    t.repeat_customer_orders,
    t.sales_ready_threshold,
    t.marketing_qualified_threshold,
    t.lead_threshold,
    t.sales_ready_threshold,
    t.marketing_qualified_threshold,
    t.lead_threshold,
  ]
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

/** Ids for bulk-inserted ledger rows, in insertion order, so the primary key index is appended to, not scattered. */
function bulkIdPrefix(now: Date, part: string): string {
  return `mscore_r${now.getTime().toString(36)}${part}_`
}
