import type { SqlRunner } from "../sql-runner"
import { decayFactor } from "./decay"
import { pausePoint } from "./pause-points"
import { RfmBoundaries, band, effectiveRecencyFloorDays, recencyBand, rfmGroup, rfmPoints } from "./rfm"
import { computeRfmBoundaries, isOrderEvent, lockUntilCutPointsStored, storeRfmBoundaries } from "./rfm-sql"
import { capWindow } from "./cap-window"
import { ScorableEvent, fitRuleHolds, ruleComponent, ruleMatchesEvent } from "./rules"
import { readsPredictions } from "../predictions/contact-fields"
import { loadPredictionValues } from "../predictions/contact-fields-sql"
import { LifecycleStage, stageFor, thresholdsCrossed, valuesCrossed } from "./stages"
import { ContactState, RuleRow, ScoringOutcome, ScoringSettingsRow, StageChange, flowThresholdValues, id, reasonFor } from "./store"

// Live scoring: the events of one ingestion (or of the backlog), in the caller's transaction.

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
  const acquisitionFlowValues = flowThresholdValues(settings, "acquisition")
  const loyaltyFlowValues = flowThresholdValues(settings, "loyalty")
  const contactIds = [...new Set(input.contact_ids)].sort()
  if (!contactIds.length) return outcome
  const nowIso = input.now.toISOString()

  // While no RFM cut points are stored, an order may be the one that makes
  // RFM apply: orders then take turns (see `lockUntilCutPointsStored`), and
  // every customer is locked with the batch, to be banded if it does.
  let boundaries = settings.rfm_boundaries
  let mayStoreCutPoints = false
  if (!boundaries && input.events.some(isOrderEvent)) {
    boundaries = await lockUntilCutPointsStored(em)
    mayStoreCutPoints = !boundaries
  }

  // The contact rows serialise scoring per contact (caps and totals). Every
  // writer locks contact rows in id order, so two can never deadlock.
  const rows: ContactState[] = await em.execute(
    `SELECT * FROM marketing_contact WHERE deleted_at IS NULL AND (id = ANY(?::text[]) OR (?::boolean AND order_count > 0))
      ORDER BY id FOR UPDATE`,
    [`{${contactIds.join(",")}}`, mayStoreCutPoints]
  )
  const contacts = new Map(rows.map((r) => [r.id, r]))
  const inBatch = new Set(contactIds)
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
        const window = capWindow(rule.cap_period, event.occurred_at, settings.time_zone)
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
  // The order that brings the store to MIN_RFM_CUSTOMERS customers stores the
  // cut points at once, and every customer is banded against them below.
  let cutPointsStored = false
  if (mayStoreCutPoints && [...contacts.values()].some((c) => c.orders_changed)) {
    boundaries = await computeRfmBoundaries(em, [...contacts.values()])
    if (boundaries) {
      await storeRfmBoundaries(em, settings.id, boundaries, input.now)
      cutPointsStored = true
    }
  }
  const floorDays = effectiveRecencyFloorDays(settings.recency_floor_days, boundaries?.order_gap_days)

  // 3. Per contact: fit, decay, totals, RFM, stage.
  const fitRules = rules.filter((r) => r.kind === "fit")
  // Prediction fields live in their own table: read only when a fit rule tests one.
  const predictions = fitRules.some((r) => readsPredictions(r.conditions))
    ? await loadPredictionValues(em, [...contacts.keys()])
    : null
  const updates: Record<string, unknown>[] = []
  for (const contact of contacts.values()) {
    if (!inBatch.has(contact.id) && !cutPointsStored) continue
    const previousFit = new Set<string>(contact.fit_rule_ids ?? [])
    const record = predictions ? { ...contact, ...predictions.get(contact.id) } : contact
    const holding = fitRules.filter((rule) => fitRuleHolds(rule, record, input.now))
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
    if (contact.orders_changed || cutPointsStored) {
      rfm = contact.order_count > 0 && boundaries
        ? bandContact(contact, boundaries, input.now, floorDays)
        : { r: null, f: null, m: null, group: null }
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

    for (const crossing of thresholdsCrossed(contact.acquisition_score, acquisition, settings, acquisitionFlowValues)) {
      outcome.crossings.push({ ...crossing, contact_id: contact.id, score: "acquisition", score_value: acquisition })
    }
    for (const crossing of valuesCrossed(contact.loyalty_score, loyalty, loyaltyFlowValues)) {
      outcome.crossings.push({ threshold: null, ...crossing, contact_id: contact.id, score: "loyalty", score_value: loyalty })
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

function bandContact(contact: ContactState, b: RfmBoundaries, now: Date, floorDays: number) {
  // new Date(): the row's value may be a Date, which Date.parse would cut to whole seconds.
  const r = recencyBand(new Date(contact.last_order_at!).getTime(), b.recency, now.getTime(), floorDays)
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
