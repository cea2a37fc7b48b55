import {
  InjectTransactionManager,
  MedusaContext,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import type { Context } from "@medusajs/framework/types"
import { Contact } from "./models/contact"
import { Event } from "./models/event"
import { LifecycleStageChange } from "./models/lifecycle-stage-change"
import { ScoreEntry } from "./models/score-entry"
import { ScoringBacklog } from "./models/scoring-backlog"
import { ScoringRecompute } from "./models/scoring-recompute"
import { ScoringRule } from "./models/scoring-rule"
import { ScoringSettings } from "./models/scoring-settings"
import { ConsentRecord } from "./models/consent-record"
import { EmailTemplate } from "./models/email-template"
import { Message } from "./models/message"
import { Suppression } from "./models/suppression"
import { Segment } from "./models/segment"
import { SegmentMembership } from "./models/segment-membership"
import { Visitor } from "./models/visitor"
import { MarketingOptions, parseMarketingOptions } from "./options"
import { EmailSettings, resolveEmailSettings } from "./email/settings"
import type { DeliveryFeedback } from "./email/webhooks/sendgrid"
import { MedusaError } from "@medusajs/framework/utils"
import { suppressionHash } from "./email/headers"
import { pgArray } from "./pg-array"
import { ContactExport, ErasureResult, erasePerson, exportPerson, loadPerson, lockPerson, lockSegmentsShared } from "./privacy"
import {
  ConsentChange,
  EnqueueMessageInput,
  MessageOutcome,
  MessageRow,
  SuppressionInput,
  addSuppressions,
  applyDeliveryEvents,
  changeEmailConsent,
  claimMessages,
  enqueueMessages,
  liveContactIds,
  loadDeliveryFacts,
  messageSentAt,
  recordEngagement,
  recordOutcomes,
  setEmailPreferences,
} from "./email/queue"
import { ProductStrategy, bestsellerProductIds, mostViewedCategoryId, recentlyViewedProductIds } from "./email/products"
import { BEHAVIOURAL_PROFILE_FIELDS, analyticsAllowed, isStrictlyNecessary } from "./tracking/consent"
import {
  ScoringOutcome,
  SCORING_LOCK,
  ScoringSettingsRow,
  decayAll,
  loadActiveRules,
  loadSettings,
  lockScoringShared,
  processBacklog,
  recomputeAll,
  recomputeRfm,
  retotalContact,
  scoreContacts,
  tryLockScoringShared,
} from "./scoring/engine"
import { compileCondition } from "./conditions"
import {
  ELIGIBLE as SEGMENT_ELIGIBLE,
  TrendPoint,
  compileSegment,
  dependencyOrder,
  membershipTrend,
} from "./segments"
import {
  MembershipChange,
  affectedSegments,
  buildSegment,
  contactSegments,
  evaluateContacts,
  loadSegments,
  membershipChangesByDay,
  timeWindowPass,
  withDependants as withDependants_,
} from "./segments/engine"
import { LIFECYCLE_STAGES } from "./models/lifecycle-stage-change"
import { RFM_GROUPS } from "./scoring/rfm"
import { ScoringRuleDefinition, ruleCatalog } from "./scoring/rules"
import type {
  ConsentStatus,
  ContactProfilePatch,
  IngestEventsInput,
  IngestEventsResult,
  PreparedEvent,
} from "./tracking/types"

type Manager = {
  execute(sql: string, params?: unknown[], method?: "all" | "get" | "run"): Promise<any>
}

type Identity = {
  /** A known contact (email engagement): used as is, never created. */
  contact_id?: string | null
  customer_id?: string | null
  anonymous_id?: string | null
  cart_id?: string | null
}

type ContactRow = {
  id: string
  customer_id: string | null
  email: string | null
  analytics_consent: ConsentStatus
}

/** Consent that needs no double opt-in: the store itself vouches for it. */
const TRUSTED_CONSENT_SOURCES = ["admin", "import", "double_opt_in"]

const CONTACT_COLUMNS = "id, customer_id, email, analytics_consent"

/** What segment member lists and previews show of a contact. */
const SEGMENT_MEMBER_COLUMNS =
  "c.id, c.email, c.first_name, c.last_name, c.customer_id, c.acquisition_score, c.loyalty_score, c.lifecycle_stage, c.country_code, c.last_seen_at"

/**
 * The marketing module: contacts, their anonymous visitors, events and
 * scores. Generated CRUD comes from MedusaService; ingestion, identity
 * stitching and scoring are hand-written SQL because they must be set-based
 * and race-safe (the scoring SQL lives in scoring/engine.ts).
 */
class MarketingModuleService extends MedusaService({
  Contact,
  Visitor,
  Event,
  ScoringRule,
  ScoreEntry,
  LifecycleStageChange,
  ScoringSettings,
  ScoringRecompute,
  ScoringBacklog,
  Segment,
  SegmentMembership,
  EmailTemplate,
  Message,
  Suppression,
  ConsentRecord,
}) {
  protected readonly options_: MarketingOptions
  protected emailSettings_?: EmailSettings

  constructor(container: Record<string, unknown>, options?: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseMarketingOptions(options)
  }

  /** The email options with environment fallbacks (secret, public and storefront URLs). */
  getEmailSettings(): EmailSettings {
    this.emailSettings_ ??= resolveEmailSettings(this.options_.email, process.env)
    return this.emailSettings_
  }

  getOptions(): MarketingOptions {
    return this.options_
  }

  /**
   * Stores a batch of events: resolves (and stitches) each event's contact,
   * applies the consent policy, writes the events idempotently and updates
   * the contacts' profiles, all in one transaction.
   */
  @InjectTransactionManager()
  async ingestEvents(
    input: IngestEventsInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<IngestEventsResult> {
    const em = sharedContext.transactionManager as unknown as Manager
    const policy = this.options_.consent
    const result: IngestEventsResult = {
      event_ids: [],
      created_contact_ids: [],
      contact_ids: input.events.map(() => null),
      recorded: 0,
      duplicates: 0,
      dropped: 0,
      merges: [],
      stage_changes: [],
      crossings: [],
      email_consent_changes: [],
    }

    // Resolve each identity once. A contact is created only when at least
    // one of its events may be stored; otherwise existing contacts are only
    // looked up (to record a withdrawal of consent, for example).
    const identities = new Map<string, { identity: Identity; mayCreate: boolean; seenAt: string }>()
    for (const event of input.events) {
      const identity = identityOf(event)
      const key = identityKey(identity)
      const mayCreate =
        isStrictlyNecessary(policy, event.type) ||
        event.analytics_consent === true ||
        (event.analytics_consent === undefined && !policy.requireOptIn)
      const entry = identities.get(key)
      if (entry) {
        entry.mayCreate ||= mayCreate
        entry.seenAt = minDate(entry.seenAt, event.occurred_at)
      } else {
        identities.set(key, { identity, mayCreate, seenAt: event.occurred_at })
      }
    }
    await this.lockIdentities_(em, [...identities.values()].map((entry) => entry.identity))

    const contactByIdentity = new Map<string, ContactRow | null>()
    for (const [key, { identity, mayCreate, seenAt }] of identities) {
      contactByIdentity.set(key, await this.resolveIdentity_(em, identity, seenAt, mayCreate, result))
    }
    // Emails a customer's contact owns, claimed without that customer's token.
    const unverifiedEmails = new Set<number>()
    for (const [index, event] of input.events.entries()) {
      const key = identityKey(identityOf(event))
      let contact = contactByIdentity.get(key) ?? null
      if (contact && event.profile.email && !contact.customer_id) {
        const stitched = await this.stitchByEmail_(em, contact, event.profile.email, result)
        if (stitched) {
          contact = stitched
          contactByIdentity.set(key, contact)
        } else {
          unverifiedEmails.add(index)
        }
      }
      result.contact_ids[index] = contact?.id ?? null
    }

    // Apply the consent policy with what each contact said before or now.
    const storedConsent = new Map<string, ConsentStatus>()
    for (const contact of contactByIdentity.values()) {
      if (contact) {
        storedConsent.set(contact.id, contact.analytics_consent)
      }
    }
    const rows: Record<string, unknown>[] = []
    const patches = new Map<string, { patch: ContactProfilePatch; first: string; last: string }>()
    input.events.forEach((event, index) => {
      const contactId = result.contact_ids[index]
      if (!contactId) {
        result.dropped++
        return
      }
      if (event.analytics_consent !== undefined) {
        storedConsent.set(contactId, event.analytics_consent ? "granted" : "denied")
      }
      const allowed = analyticsAllowed(policy, event.analytics_consent, storedConsent.get(contactId))
      const necessary = isStrictlyNecessary(policy, event.type)
      let profile = allowed ? event.profile : withoutBehaviour(event.profile)
      if (unverifiedEmails.has(index)) profile = { ...profile, email: undefined }
      const entry = patches.get(contactId)
      if (entry) {
        entry.patch = mergePatch(entry.patch, profile)
        entry.first = minDate(entry.first, event.occurred_at)
        entry.last = maxDate(entry.last, event.occurred_at)
      } else {
        patches.set(contactId, { patch: { ...profile }, first: event.occurred_at, last: event.occurred_at })
      }
      if (!allowed && !necessary) {
        result.dropped++
        result.contact_ids[index] = null
        return
      }
      const id = generateEntityId(undefined, "mevt")
      rows.push({
        id,
        contact_id: contactId,
        type: event.type,
        properties: event.properties ?? {},
        occurred_at: event.occurred_at,
        received_at: event.received_at,
        session_id: allowed ? event.session_id ?? null : null,
        source: event.source,
        idempotency_key: event.idempotency_key ?? null,
      })
    })

    if (rows.length) {
      const inserted: { id: string }[] = await em.execute(
        `INSERT INTO marketing_event
           (id, contact_id, type, properties, occurred_at, received_at, session_id, source, idempotency_key)
         SELECT r.id, r.contact_id, r.type, r.properties, r.occurred_at, r.received_at, r.session_id, r.source, r.idempotency_key
         FROM jsonb_to_recordset(?::jsonb) AS r(
           id text, contact_id text, type text, properties jsonb, occurred_at timestamptz,
           received_at timestamptz, session_id text, source text, idempotency_key text)
         ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL DO NOTHING
         RETURNING id`,
        [JSON.stringify(rows)]
      )
      result.event_ids = inserted.map((r) => r.id)
      result.recorded = inserted.length
      result.duplicates = rows.length - inserted.length
    }

    // Rows are locked in id order everywhere, so concurrent writers never deadlock.
    for (const [contactId, { patch, first, last }] of [...patches].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const { email_marketing_consent: emailConsent, ...profile } = patch
      await this.applyProfile_(em, contactId, profile, first, last)
      if (emailConsent) await this.applyEmailConsent_(em, contactId, emailConsent, result)
    }

    const inserted = new Set(result.event_ids)
    const scorable = rows
      .filter((row) => inserted.has(row.id as string))
      .map((row) => ({
        id: row.id as string,
        contact_id: row.contact_id as string,
        type: row.type as string,
        properties: (row.properties ?? {}) as Record<string, unknown>,
        occurred_at: row.occurred_at as string,
      }))
    const outcome = await this.score_(em, scorable, [...patches.keys()], new Date(input.now ?? Date.now()))
    result.stage_changes = outcome.stage_changes
    result.crossings = outcome.crossings
    return result
  }

  /**
   * Live scoring of newly stored events, in the caller's transaction. Skipped
   * entirely while the store has no active rule and the batch has no order.
   */
  private async score_(
    em: Manager,
    events: { id: string; contact_id: string; type: string; properties: Record<string, unknown>; occurred_at: string }[],
    profileContactIds: string[],
    now: Date
  ): Promise<ScoringOutcome> {
    const rules = await loadActiveRules(em)
    const hasOrders = events.some((e) => e.type === "order_placed" || e.type === "order_canceled")
    if (!rules.length && !hasOrders) {
      return { stage_changes: [], crossings: [] }
    }
    if (!(await tryLockScoringShared(em))) {
      // A full recompute is running: never wait for it, park the events.
      if (events.length) {
        await em.execute(
          `INSERT INTO marketing_scoring_backlog (id, event_id, contact_id)
           SELECT 'msbl_' || replace(gen_random_uuid()::text, '-', ''), e.id, e.contact_id
             FROM jsonb_to_recordset(?::jsonb) AS e(id text, contact_id text)
           ON CONFLICT (event_id) WHERE deleted_at IS NULL DO NOTHING`,
          [JSON.stringify(events.map((e) => ({ id: e.id, contact_id: e.contact_id })))]
        )
      }
      return { stage_changes: [], crossings: [] }
    }
    const hasFit = rules.some((r) => r.kind === "fit")
    const contactIds = [...new Set([...events.map((e) => e.contact_id), ...(hasFit ? profileContactIds : [])])]
    const settings = await loadSettings(em)
    return scoreContacts(em, { events, contact_ids: contactIds, now }, settings, rules)
  }

  /** The store's scoring settings (created with defaults on first use). */
  @InjectTransactionManager()
  async getScoringSettings(@MedusaContext() sharedContext: Context = {}): Promise<ScoringSettingsRow> {
    return loadSettings(sharedContext.transactionManager as unknown as Manager)
  }

  /**
   * Rebuilds the rule ledger and every contact's scores from stored events,
   * in one transaction; progress is written to the recompute row as it goes
   * (in its own transactions, so the admin sees it).
   */
  @InjectTransactionManager()
  async recomputeScores(
    recomputeId: string,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, number>> {
    const em = sharedContext.transactionManager as unknown as Manager
    const settings = await loadSettings(em)
    const rules = await loadActiveRules(em)
    const report = async (progress: number, step: string) => {
      await this.updateScoringRecomputes({ id: recomputeId, progress, step })
    }
    // Live scoring parks its events from here until this transaction ends.
    await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [SCORING_LOCK])
    await report(0.01, "Recomputing RFM")
    // Stages are placed once, at the end of the rebuild, from the new scores and bands.
    const rfm = await recomputeRfm(em, settings, now, { updateStages: false })
    const stats = await recomputeAll(em, settings, rules, now, report)
    return { ...stats, rfm_customers: rfm.customers }
  }

  /** Scores events parked while a recompute ran; a no-op while one still runs. */
  @InjectTransactionManager()
  async processScoringBacklog(
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ScoringOutcome & { scored: number }> {
    const em = sharedContext.transactionManager as unknown as Manager
    if (!(await tryLockScoringShared(em))) {
      return { stage_changes: [], crossings: [], scored: 0 }
    }
    return processBacklog(em, await loadSettings(em), await loadActiveRules(em), now)
  }

  /** Nightly: new RFM quintiles over all customers, then every customer's bands. */
  @InjectTransactionManager()
  async recomputeRfm(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const em = sharedContext.transactionManager as unknown as Manager
    await lockScoringShared(em)
    return recomputeRfm(em, await loadSettings(em), now)
  }

  /**
   * Nightly: an `inactivity` event for each contact not seen for the
   * configured number of days (once per absence), scored like any event so
   * negative rules on `inactivity` apply.
   */
  @InjectTransactionManager()
  async recordInactivity(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}): Promise<ScoringOutcome & { recorded: number }> {
    const em = sharedContext.transactionManager as unknown as Manager
    await lockScoringShared(em)
    const settings = await loadSettings(em)
    const events: { id: string; contact_id: string; type: string; properties: Record<string, unknown>; occurred_at: string }[] =
      await em.execute(
        `INSERT INTO marketing_event (id, contact_id, type, properties, occurred_at, received_at, source, idempotency_key)
         SELECT 'mevt_' || replace(gen_random_uuid()::text, '-', ''), c.id, 'inactivity',
                jsonb_build_object('days', ?::int), ?::timestamptz, ?::timestamptz, 'medusa',
                'inactivity:' || c.id || ':' || extract(epoch FROM c.last_seen_at)::bigint
           FROM marketing_contact c
          WHERE c.deleted_at IS NULL AND c.last_seen_at < ?::timestamptz - make_interval(days => ?::int)
         ON CONFLICT (idempotency_key) WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL DO NOTHING
         RETURNING id, contact_id, type, properties, occurred_at`,
        [settings.inactivity_days, now.toISOString(), now.toISOString(), now.toISOString(), settings.inactivity_days]
      )
    const outcome: ScoringOutcome = { stage_changes: [], crossings: [] }
    const rules = await loadActiveRules(em)
    for (let i = 0; i < events.length && rules.length; i += 500) {
      const chunk = events.slice(i, i + 500).map((e) => ({ ...e, occurred_at: new Date(e.occurred_at).toISOString() }))
      const part = await scoreContacts(em, { events: chunk, contact_ids: chunk.map((e) => e.contact_id), now }, settings, rules)
      outcome.stage_changes.push(...part.stage_changes)
      outcome.crossings.push(...part.crossings)
    }
    return { ...outcome, recorded: events.length }
  }

  /** Contacts a rule would affect: with a matching event, or whose attributes match a fit rule. */
  @InjectTransactionManager()
  async countContactsForRule(
    rule: ScoringRuleDefinition,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const em = sharedContext.transactionManager as unknown as Manager
    const catalog = ruleCatalog(rule.kind, rule.event_type, rule.conditions)
    if (rule.kind === "fit") {
      const cond = rule.conditions ? compileCondition(rule.conditions, catalog, { alias: "c" }) : { sql: "true", params: [] }
      const [{ n }] = await em.execute(
        `SELECT count(*)::int AS n FROM marketing_contact c WHERE c.deleted_at IS NULL AND (${cond.sql})`,
        cond.params
      )
      return n
    }
    const cond = rule.conditions ? compileCondition(rule.conditions, catalog, { alias: "e" }) : { sql: "true", params: [] }
    const [{ n }] = await em.execute(
      `SELECT count(DISTINCT e.contact_id)::int AS n FROM marketing_event e
         JOIN marketing_contact c ON c.id = e.contact_id AND c.deleted_at IS NULL
        WHERE e.type = ? AND e.deleted_at IS NULL AND (${cond.sql})`,
      [rule.event_type, ...cond.params]
    )
    return n
  }

  /** Counts for the Scoring page: score distributions, stages and RFM groups. */
  @InjectTransactionManager()
  async scoringOverview(@MedusaContext() sharedContext: Context = {}) {
    const em = sharedContext.transactionManager as unknown as Manager
    const histogram = async (column: "acquisition_score" | "loyalty_score") => {
      const [range] = await em.execute(
        `SELECT min(${column})::int AS lo, max(${column})::int AS hi FROM marketing_contact WHERE deleted_at IS NULL`
      )
      const lo = Math.min(0, range?.lo ?? 0)
      const hi = Math.max(100, range?.hi ?? 0)
      const width = Math.max(1, Math.ceil((hi - lo + 1) / 10))
      const rows: { bucket: number; count: number }[] = await em.execute(
        `SELECT floor((${column} - ?) / ?::float8)::int AS bucket, count(*)::int AS count
           FROM marketing_contact WHERE deleted_at IS NULL GROUP BY 1 ORDER BY 1`,
        [lo, width]
      )
      const counts = new Map(rows.map((r) => [r.bucket, r.count]))
      return Array.from({ length: Math.ceil((hi - lo + 1) / width) }, (_, i) => ({
        from: lo + i * width,
        to: lo + (i + 1) * width - 1,
        count: counts.get(i) ?? 0,
      }))
    }
    const stages = await em.execute(
      `SELECT lifecycle_stage AS stage, count(*)::int AS count FROM marketing_contact WHERE deleted_at IS NULL GROUP BY 1`
    )
    const groups = await em.execute(
      `SELECT rfm_group AS group, count(*)::int AS count FROM marketing_contact
        WHERE deleted_at IS NULL AND rfm_group IS NOT NULL GROUP BY 1`
    )
    const [{ contacts }] = await em.execute(`SELECT count(*)::int AS contacts FROM marketing_contact WHERE deleted_at IS NULL`)
    const stageOrder = [...LIFECYCLE_STAGES]
    const groupOrder = [...RFM_GROUPS] as string[]
    return {
      acquisition_histogram: await histogram("acquisition_score"),
      loyalty_histogram: await histogram("loyalty_score"),
      stages: stageOrder.map((stage) => ({ stage, count: stages.find((s: any) => s.stage === stage)?.count ?? 0 })),
      rfm_groups: groupOrder.map((group) => ({ group, count: groups.find((g: any) => g.group === group)?.count ?? 0 })),
      contacts,
    }
  }

  /** Nightly: brings every stored engagement score to `now`. */
  @InjectTransactionManager()
  async decayScores(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const em = sharedContext.transactionManager as unknown as Manager
    await lockScoringShared(em)
    return decayAll(em, await loadSettings(em), now)
  }

  /** Compensation for ingestEvents: removes the rows one call wrote. */
  @InjectTransactionManager()
  async revertIngestedEvents(
    written: Pick<IngestEventsResult, "event_ids" | "created_contact_ids">,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const em = sharedContext.transactionManager as unknown as Manager
    if (written.event_ids.length) {
      await em.execute(`DELETE FROM marketing_event WHERE id = ANY(?::text[])`, [pgArray(written.event_ids)])
    }
    if (written.created_contact_ids.length) {
      const ids = pgArray(written.created_contact_ids)
      await em.execute(`DELETE FROM marketing_visitor WHERE contact_id = ANY(?::text[])`, [ids])
      await em.execute(
        `DELETE FROM marketing_contact c WHERE c.id = ANY(?::text[])
           AND NOT EXISTS (SELECT 1 FROM marketing_event e WHERE e.contact_id = c.id)`,
        [ids]
      )
    }
  }

  /** Merges one contact into another; idempotent. */
  @InjectTransactionManager()
  async mergeContacts(
    sourceId: string,
    targetId: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    const em = sharedContext.transactionManager as unknown as Manager
    const [a, b] = [sourceId, targetId].sort()
    await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?)), pg_advisory_xact_lock(hashtext(?))`, [
      `mma:contact:${a}`,
      `mma:contact:${b}`,
    ])
    await this.merge_(em, sourceId, targetId)
  }

  // ---- internals -------------------------------------------------------

  /**
   * Serialises work on the same customer, email or visitor across requests
   * and instances. Keys are locked in one global order so two requests can
   * never wait on each other.
   */
  private async lockIdentities_(em: Manager, identities: Identity[]): Promise<void> {
    const keys = new Set<string>()
    for (const identity of identities) {
      if (identity.contact_id) keys.add(`0:${identity.contact_id}`)
      if (identity.customer_id) keys.add(`1:${identity.customer_id}`)
      if (identity.cart_id) keys.add(`3:${identity.cart_id}`)
      if (identity.anonymous_id) keys.add(`4:${identity.anonymous_id}`)
    }
    const ordered = [...keys].sort()
    if (!ordered.length) {
      return
    }
    await em.execute(
      `SELECT pg_advisory_xact_lock(hashtext('mma:' || k)) FROM unnest(?::text[]) WITH ORDINALITY AS t(k, n) ORDER BY n`,
      [pgArray(ordered)]
    )
  }

  private async findOne_(em: Manager, sql: string, params: unknown[]): Promise<ContactRow | null> {
    const rows: ContactRow[] = await em.execute(sql, params)
    return rows[0] ?? null
  }

  private async resolveIdentity_(
    em: Manager,
    identity: Identity,
    seenAt: string,
    mayCreate: boolean,
    result: IngestEventsResult
  ): Promise<ContactRow | null> {
    const { customer_id, anonymous_id, cart_id } = identity
    if (identity.contact_id) {
      // Follow merges: the contact may have been stitched into another one since the email went out.
      const liveId = (await liveContactIds(em, [identity.contact_id])).get(identity.contact_id)
      if (!liveId) return null
      return await this.findOne_(em, `SELECT ${CONTACT_COLUMNS} FROM marketing_contact WHERE id = ?`, [liveId])
    }
    let anonymous: ContactRow | null = null
    if (anonymous_id) {
      anonymous = await this.findOne_(
        em,
        `SELECT c.id, c.customer_id, c.email, c.analytics_consent FROM marketing_visitor v
           JOIN marketing_contact c ON c.id = v.contact_id AND c.deleted_at IS NULL
          WHERE v.anonymous_id = ? AND v.deleted_at IS NULL`,
        [anonymous_id]
      )
    }
    if (!anonymous && cart_id) {
      anonymous = await this.findOne_(
        em,
        `SELECT ${CONTACT_COLUMNS} FROM marketing_contact WHERE cart_id = ? AND deleted_at IS NULL
          ORDER BY last_seen_at DESC LIMIT 1`,
        [cart_id]
      )
    }

    if (!customer_id) {
      if (anonymous || !mayCreate || !anonymous_id) {
        return anonymous
      }
      const created = await this.insertContact_(em, { seenAt }, result)
      await this.attachVisitor_(em, anonymous_id, created.id)
      return created
    }

    const known = await this.findOne_(
      em,
      `SELECT ${CONTACT_COLUMNS} FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL`,
      [customer_id]
    )
    if (known) {
      if (anonymous && anonymous.id !== known.id) {
        if (!anonymous.customer_id) {
          await this.merge_(em, anonymous.id, known.id)
          result.merges.push({ source_id: anonymous.id, target_id: known.id })
        } else if (anonymous_id) {
          // A shared device: another person's contact keeps its past, the
          // visitor id follows whoever is logged in now.
          await this.attachVisitor_(em, anonymous_id, known.id)
        }
      } else if (!anonymous && anonymous_id) {
        await this.attachVisitor_(em, anonymous_id, known.id)
      }
      return known
    }
    if (anonymous && !anonymous.customer_id) {
      await em.execute(`UPDATE marketing_contact SET customer_id = ?, updated_at = now() WHERE id = ?`, [
        customer_id,
        anonymous.id,
      ])
      return { ...anonymous, customer_id }
    }
    if (!mayCreate) {
      return null
    }
    const created = await this.insertContact_(em, { seenAt, customer_id }, result)
    if (anonymous_id) {
      await this.attachVisitor_(em, anonymous_id, created.id)
    }
    return created
  }

  /**
   * An anonymous contact that gives an email already on another anonymous
   * contact becomes that contact. An email that belongs to a customer's
   * contact is not proof of identity without the customer's token (anyone can
   * type it): nothing is merged and null is returned.
   */
  private async stitchByEmail_(
    em: Manager,
    contact: ContactRow,
    rawEmail: string,
    result: IngestEventsResult
  ): Promise<ContactRow | null> {
    const email = rawEmail.trim().toLowerCase()
    if (contact.email === email) {
      return contact
    }
    await em.execute(`SELECT pg_advisory_xact_lock(hashtext(?))`, [`mma:2:${email}`])
    const owner = await this.findOne_(
      em,
      `SELECT ${CONTACT_COLUMNS} FROM marketing_contact
        WHERE lower(email) = ? AND deleted_at IS NULL AND id <> ?
        ORDER BY (customer_id IS NOT NULL) DESC, first_seen_at ASC LIMIT 1`,
      [email, contact.id]
    )
    if (!owner) {
      return contact
    }
    if (owner.customer_id) {
      return null
    }
    await this.merge_(em, contact.id, owner.id)
    result.merges.push({ source_id: contact.id, target_id: owner.id })
    return owner
  }

  private async insertContact_(
    em: Manager,
    input: { seenAt: string; customer_id?: string | null },
    result: IngestEventsResult
  ): Promise<ContactRow> {
    const id = generateEntityId(undefined, "mcon")
    const at = input.seenAt
    await em.execute(
      `INSERT INTO marketing_contact (id, customer_id, first_seen_at, last_seen_at) VALUES (?, ?, ?, ?)`,
      [id, input.customer_id ?? null, at, at]
    )
    result.created_contact_ids.push(id)
    return { id, customer_id: input.customer_id ?? null, email: null, analytics_consent: "unknown" }
  }

  private async attachVisitor_(em: Manager, anonymousId: string, contactId: string): Promise<void> {
    await em.execute(
      `INSERT INTO marketing_visitor (id, anonymous_id, contact_id) VALUES (?, ?, ?)
       ON CONFLICT (anonymous_id) WHERE deleted_at IS NULL
       DO UPDATE SET contact_id = EXCLUDED.contact_id, updated_at = now()`,
      [generateEntityId(undefined, "mvis"), anonymousId, contactId]
    )
  }

  /**
   * Moves everything of `sourceId` onto `targetId`: visitors and events,
   * profile fields the target lacks, the earliest first touch and the latest
   * consent. The source is soft-deleted with a pointer to the target.
   */
  private async merge_(em: Manager, sourceId: string, targetId: string): Promise<void> {
    if (sourceId === targetId) {
      return
    }
    const [source] = await em.execute(
      `SELECT id FROM marketing_contact WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
      [sourceId]
    )
    if (!source) {
      return // already merged
    }
    await em.execute(`UPDATE marketing_visitor SET contact_id = ?, updated_at = now() WHERE contact_id = ?`, [
      targetId,
      sourceId,
    ])
    await em.execute(`UPDATE marketing_event SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
    // Fit describes attributes, which merge below; the target's fit is checked again at its next scoring.
    await em.execute(`DELETE FROM marketing_score_entry WHERE contact_id = ? AND component = 'fit'`, [sourceId])
    await em.execute(`UPDATE marketing_score_entry SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
    await em.execute(`UPDATE marketing_lifecycle_stage_change SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
    await em.execute(
      `UPDATE marketing_contact t SET
         email = COALESCE(t.email, s.email),
         first_name = COALESCE(t.first_name, s.first_name),
         last_name = COALESCE(t.last_name, s.last_name),
         phone = COALESCE(t.phone, s.phone),
         birth_date = COALESCE(t.birth_date, s.birth_date),
         age_band = COALESCE(t.age_band, s.age_band),
         gender = COALESCE(t.gender, s.gender),
         occupation = COALESCE(t.occupation, s.occupation),
         country_code = COALESCE(t.country_code, s.country_code),
         city = COALESCE(t.city, s.city),
         locale = COALESCE(t.locale, s.locale),
         timezone = COALESCE(t.timezone, s.timezone),
         cart_id = COALESCE(t.cart_id, s.cart_id),
         device_type = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.device_type, t.device_type) ELSE COALESCE(t.device_type, s.device_type) END,
         os = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.os, t.os) ELSE COALESCE(t.os, s.os) END,
         browser = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.browser, t.browser) ELSE COALESCE(t.browser, s.browser) END,
         first_utm_source = CASE WHEN s.first_seen_at < t.first_seen_at AND s.first_utm_source IS NOT NULL THEN s.first_utm_source ELSE COALESCE(t.first_utm_source, s.first_utm_source) END,
         first_utm_medium = CASE WHEN s.first_seen_at < t.first_seen_at AND s.first_utm_medium IS NOT NULL THEN s.first_utm_medium ELSE COALESCE(t.first_utm_medium, s.first_utm_medium) END,
         first_utm_campaign = CASE WHEN s.first_seen_at < t.first_seen_at AND s.first_utm_campaign IS NOT NULL THEN s.first_utm_campaign ELSE COALESCE(t.first_utm_campaign, s.first_utm_campaign) END,
         referrer = CASE WHEN s.first_seen_at < t.first_seen_at AND s.referrer IS NOT NULL THEN s.referrer ELSE COALESCE(t.referrer, s.referrer) END,
         landing_page = CASE WHEN s.first_seen_at < t.first_seen_at AND s.landing_page IS NOT NULL THEN s.landing_page ELSE COALESCE(t.landing_page, s.landing_page) END,
         last_utm_source = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.last_utm_source, t.last_utm_source) ELSE COALESCE(t.last_utm_source, s.last_utm_source) END,
         last_utm_medium = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.last_utm_medium, t.last_utm_medium) ELSE COALESCE(t.last_utm_medium, s.last_utm_medium) END,
         last_utm_campaign = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.last_utm_campaign, t.last_utm_campaign) ELSE COALESCE(t.last_utm_campaign, s.last_utm_campaign) END,
         analytics_consent = CASE WHEN COALESCE(s.analytics_consent_at, '-infinity') > COALESCE(t.analytics_consent_at, '-infinity') THEN s.analytics_consent ELSE t.analytics_consent END,
         analytics_consent_source = CASE WHEN COALESCE(s.analytics_consent_at, '-infinity') > COALESCE(t.analytics_consent_at, '-infinity') THEN s.analytics_consent_source ELSE t.analytics_consent_source END,
         analytics_consent_at = GREATEST(s.analytics_consent_at, t.analytics_consent_at),
         email_marketing_consent = CASE WHEN COALESCE(s.email_marketing_consent_at, '-infinity') > COALESCE(t.email_marketing_consent_at, '-infinity') THEN s.email_marketing_consent ELSE t.email_marketing_consent END,
         email_marketing_consent_source = CASE WHEN COALESCE(s.email_marketing_consent_at, '-infinity') > COALESCE(t.email_marketing_consent_at, '-infinity') THEN s.email_marketing_consent_source ELSE t.email_marketing_consent_source END,
         email_marketing_consent_at = GREATEST(s.email_marketing_consent_at, t.email_marketing_consent_at),
         -- Email preferences: the topics either said no to, and the later pause.
         email_topics_opted_out = CASE WHEN s.email_topics_opted_out IS NULL THEN t.email_topics_opted_out
           WHEN t.email_topics_opted_out IS NULL THEN s.email_topics_opted_out
           ELSE (SELECT jsonb_agg(DISTINCT x) FROM jsonb_array_elements(t.email_topics_opted_out || s.email_topics_opted_out) AS x) END,
         email_paused_until = GREATEST(s.email_paused_until, t.email_paused_until),
         first_seen_at = LEAST(t.first_seen_at, s.first_seen_at),
         last_seen_at = GREATEST(t.last_seen_at, s.last_seen_at),
         order_count = t.order_count + s.order_count,
         total_spent = t.total_spent + s.total_spent,
         last_order_at = GREATEST(t.last_order_at, s.last_order_at),
         updated_at = now()
       FROM marketing_contact s
       WHERE t.id = ? AND s.id = ?`,
      [targetId, sourceId]
    )
    await retotalContact(em, targetId, await loadSettings(em), new Date())
    await em.execute(
      `UPDATE marketing_contact SET deleted_at = now(), merged_into_id = ?, customer_id = NULL, cart_id = NULL, updated_at = now() WHERE id = ?`,
      [targetId, sourceId]
    )
  }

  /**
   * Email consent from an event: recorded with its proof (source, IP, user
   * agent). With double opt-in, a grant from the storefront waits as
   * `pending` until the confirmation link is clicked.
   */
  private async applyEmailConsent_(
    em: Manager,
    contactId: string,
    consent: NonNullable<ContactProfilePatch["email_marketing_consent"]>,
    result: IngestEventsResult
  ): Promise<void> {
    if (consent.status === "unknown") return
    const settings = this.getEmailSettings()
    const [row]: { email_marketing_consent: string }[] = await em.execute(
      `SELECT email_marketing_consent FROM marketing_contact WHERE id = ?`,
      [contactId]
    )
    let status: "pending" | "granted" | "denied" = consent.status
    if (status === "granted" && settings.doubleOptIn && !TRUSTED_CONSENT_SOURCES.includes(consent.source)) {
      if (row?.email_marketing_consent === "granted") return
      status = "pending"
    }
    if (!row || row.email_marketing_consent === status) return
    await changeEmailConsent(
      em,
      { contact_id: contactId, status, source: consent.source, ip_address: consent.ip, user_agent: consent.user_agent, at: consent.at },
      settings.secret
    )
    result.email_consent_changes.push({ contact_id: contactId, status, previous: row.email_marketing_consent, source: consent.source })
  }

  private async applyProfile_(
    em: Manager,
    contactId: string,
    p: ContactProfilePatch,
    first: string,
    last: string
  ): Promise<void> {
    const email = p.email?.trim().toLowerCase()
    await em.execute(
      `UPDATE marketing_contact SET
         email = COALESCE(?, email),
         first_name = COALESCE(?, first_name),
         last_name = COALESCE(?, last_name),
         phone = COALESCE(?, phone),
         birth_date = COALESCE(?::timestamptz, birth_date),
         age_band = COALESCE(?, age_band),
         gender = COALESCE(?, gender),
         occupation = COALESCE(?, occupation),
         country_code = COALESCE(?, country_code),
         city = COALESCE(?, city),
         locale = COALESCE(?, locale),
         timezone = COALESCE(?, timezone),
         cart_id = COALESCE(?, cart_id),
         device_type = COALESCE(?, device_type),
         os = COALESCE(?, os),
         browser = COALESCE(?, browser),
         first_utm_source = COALESCE(first_utm_source, ?),
         first_utm_medium = COALESCE(first_utm_medium, ?),
         first_utm_campaign = COALESCE(first_utm_campaign, ?),
         last_utm_source = COALESCE(?, last_utm_source),
         last_utm_medium = COALESCE(?, last_utm_medium),
         last_utm_campaign = COALESCE(?, last_utm_campaign),
         referrer = COALESCE(referrer, ?),
         landing_page = COALESCE(landing_page, ?),
         -- consent source and time change only when the status does
         analytics_consent_source = CASE WHEN ?::text IS DISTINCT FROM analytics_consent AND ?::text IS NOT NULL THEN ? ELSE analytics_consent_source END,
         analytics_consent_at = CASE WHEN ?::text IS DISTINCT FROM analytics_consent AND ?::text IS NOT NULL THEN ?::timestamptz ELSE analytics_consent_at END,
         analytics_consent = COALESCE(?, analytics_consent),
         email_marketing_consent_source = CASE WHEN ?::text IS DISTINCT FROM email_marketing_consent AND ?::text IS NOT NULL THEN ? ELSE email_marketing_consent_source END,
         email_marketing_consent_at = CASE WHEN ?::text IS DISTINCT FROM email_marketing_consent AND ?::text IS NOT NULL THEN ?::timestamptz ELSE email_marketing_consent_at END,
         email_marketing_consent = COALESCE(?, email_marketing_consent),
         first_seen_at = LEAST(first_seen_at, ?::timestamptz),
         last_seen_at = GREATEST(last_seen_at, ?::timestamptz),
         updated_at = now()
       WHERE id = ?`,
      [
        email ?? null,
        p.first_name ?? null,
        p.last_name ?? null,
        p.phone ?? null,
        p.birth_date ?? null,
        p.age_band ?? null,
        p.gender ?? null,
        p.occupation ?? null,
        p.country_code?.toLowerCase() ?? null,
        p.city ?? null,
        p.locale ?? null,
        p.timezone ?? null,
        p.cart_id ?? null,
        p.device_type ?? null,
        p.os ?? null,
        p.browser ?? null,
        p.utm_source ?? null,
        p.utm_medium ?? null,
        p.utm_campaign ?? null,
        p.utm_source ?? null,
        p.utm_medium ?? null,
        p.utm_campaign ?? null,
        p.referrer ?? null,
        p.landing_page ?? null,
        ...consentParams(p.analytics_consent),
        ...consentParams(p.email_marketing_consent),
        first,
        last,
        contactId,
      ]
    )
  }
  // ── Segments ────────────────────────────────────────────────────────────
  // The membership SQL lives in segments/engine.ts; these wrap it in transactions.

  /**
   * Full builds, in dependency order (a segment after those it references).
   * `announce` returns every entry and exit so they can be emitted; a new
   * segment's first build does not, so creating one does not flood flows.
   */
  @InjectTransactionManager()
  async buildSegments(
    segmentIds: string[] | null,
    now: Date = new Date(),
    { announce = true, withDependants = false }: { announce?: boolean; withDependants?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ changes: MembershipChange[]; built: { id: string; entered: number; exited: number; member_count: number }[] }> {
    const em = sharedContext.transactionManager as unknown as Manager
    const all = await loadSegments(em)
    const start = segmentIds ? all.filter((s) => segmentIds.includes(s.id)) : all
    const wanted = segmentIds ? new Set((withDependants ? withDependants_(all, start) : start).map((s) => s.id)) : null
    const graph = new Map(all.map((s) => [s.id, s.dependencies?.segments ?? []]))
    const byId = new Map(all.map((s) => [s.id, s]))
    const changes: MembershipChange[] = []
    const built: { id: string; entered: number; exited: number; member_count: number }[] = []
    for (const id of dependencyOrder(graph)) {
      if (wanted && !wanted.has(id)) continue
      const result = await buildSegment(em, byId.get(id)!, now, { returnChanges: announce })
      changes.push(...result.changes)
      built.push({ id, entered: result.entered, exited: result.exited, member_count: result.member_count })
    }
    return { changes, built }
  }

  /** The incremental path: a few contacts against the segments the trigger can affect. */
  @InjectTransactionManager()
  async evaluateSegmentsForContacts(
    contactIds: string[],
    trigger: { event_types?: string[]; fields_changed?: boolean; customer_groups?: boolean; all?: boolean; segment_ids?: string[] },
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MembershipChange[]> {
    const em = sharedContext.transactionManager as unknown as Manager
    const all = await loadSegments(em)
    const segments = trigger.segment_ids
      ? withDependants_(all, all.filter((s) => trigger.segment_ids!.includes(s.id)))
      : affectedSegments(all, trigger)
    return evaluateContacts(em, segments, contactIds, now)
  }

  /** Scheduled: every time-dependent segment re-evaluates the contacts whose window edge passed. */
  @InjectTransactionManager()
  async runSegmentTimeWindows(
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ segments: number; candidates: number; changes: MembershipChange[] }> {
    const em = sharedContext.transactionManager as unknown as Manager
    const all = await loadSegments(em)
    const timed = all.filter((s) => s.dependencies?.time)
    const changes: MembershipChange[] = []
    let candidates = 0
    for (const segment of timed) {
      const pass = await timeWindowPass(em, segment, all, now)
      candidates += pass.candidates
      changes.push(...pass.changes)
    }
    return { segments: timed.length, candidates, changes }
  }

  /** Count and a sample of 20 for an unsaved, valid definition. */
  @InjectTransactionManager()
  async previewSegment(
    definition: unknown,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ count: number; contacts: Record<string, unknown>[] }> {
    const em = sharedContext.transactionManager as unknown as Manager
    const cond = compileSegment(definition, { mode: "set", now })
    const [{ n }] = await em.execute(`SELECT count(*)::int AS n FROM marketing_contact c WHERE ${SEGMENT_ELIGIBLE} AND ${cond.sql}`, cond.params)
    const contacts = await em.execute(
      `SELECT ${SEGMENT_MEMBER_COLUMNS} FROM marketing_contact c WHERE ${SEGMENT_ELIGIBLE} AND ${cond.sql}
        ORDER BY c.last_seen_at DESC, c.id LIMIT 20`,
      cond.params
    )
    return { count: n, contacts }
  }

  /** Current members, most recent first. */
  @InjectTransactionManager()
  async listSegmentMembers(
    segmentId: string,
    { limit, offset }: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ contacts: Record<string, unknown>[]; count: number }> {
    const em = sharedContext.transactionManager as unknown as Manager
    const [{ n }] = await em.execute(
      `SELECT count(*)::int AS n FROM marketing_segment_membership m WHERE m.segment_id = ? AND m.exited_at IS NULL AND m.deleted_at IS NULL`,
      [segmentId]
    )
    const contacts = await em.execute(
      `SELECT ${SEGMENT_MEMBER_COLUMNS}, m.entered_at FROM marketing_segment_membership m
         JOIN marketing_contact c ON c.id = m.contact_id
        WHERE m.segment_id = ? AND m.exited_at IS NULL AND m.deleted_at IS NULL
        ORDER BY m.entered_at DESC, m.contact_id LIMIT ? OFFSET ?`,
      [segmentId, limit, offset]
    )
    return { contacts, count: n }
  }

  /** Medusa customer ids of current members (all, or among the given contacts). */
  @InjectTransactionManager()
  async segmentMemberCustomerIds(
    segmentId: string,
    contactIds: string[] | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const em = sharedContext.transactionManager as unknown as Manager
    const rows: { customer_id: string }[] = await em.execute(
      `SELECT DISTINCT c.customer_id FROM marketing_segment_membership m JOIN marketing_contact c ON c.id = m.contact_id
        WHERE m.segment_id = ? AND m.exited_at IS NULL AND m.deleted_at IS NULL AND c.customer_id IS NOT NULL
          ${contactIds ? "AND m.contact_id = ANY(?::text[])" : ""}`,
      contactIds ? [segmentId, pgArray(contactIds)] : [segmentId]
    )
    return rows.map((r) => r.customer_id)
  }

  @InjectTransactionManager()
  async listContactSegments(contactId: string, @MedusaContext() sharedContext: Context = {}) {
    return contactSegments(sharedContext.transactionManager as unknown as Manager, contactId)
  }

  /** Member counts at the end of each of the last 30 days, per segment. */
  @InjectTransactionManager()
  async segmentTrends(
    segments: { id: string; member_count: number }[],
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, TrendPoint[]>> {
    const em = sharedContext.transactionManager as unknown as Manager
    const since = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - 29 * 86400000)
    const rows = await membershipChangesByDay(em, segments.map((s) => s.id), since)
    const out: Record<string, TrendPoint[]> = {}
    for (const s of segments) {
      out[s.id] = membershipTrend(s.member_count, rows.filter((r) => r.segment_id === s.id), now)
    }
    return out
  }

  /** The most common contact countries (lowercase ISO-2), for the built-in segments. */
  @InjectTransactionManager()
  async contactCountries(limit: number, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    const em = sharedContext.transactionManager as unknown as Manager
    const rows: { country_code: string }[] = await em.execute(
      `SELECT country_code FROM marketing_contact WHERE country_code IS NOT NULL AND deleted_at IS NULL
        GROUP BY country_code ORDER BY count(*) DESC LIMIT ?`,
      [limit]
    )
    return rows.map((r) => r.country_code.toLowerCase())
  }

  /** Removes a deleted segment's memberships for good (its history goes with it). */
  @InjectTransactionManager()
  async purgeSegmentMemberships(segmentIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const em = sharedContext.transactionManager as unknown as Manager
    await em.execute(`DELETE FROM marketing_segment_membership WHERE segment_id = ANY(?::text[])`, [pgArray(segmentIds)])
  }

  // Email: the message queue, suppressions, consent and engagement (SQL in email/queue.ts)

  @InjectTransactionManager()
  async enqueueMessages(inputs: EnqueueMessageInput[], now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    return await enqueueMessages(sharedContext.transactionManager as unknown as Manager, inputs, now)
  }

  @InjectTransactionManager()
  async claimMessages(
    input: { now: Date; limit: number; ids?: string[] | null; leaseSeconds: number; dueBefore?: Date; maxAttempts?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MessageRow[]> {
    return await claimMessages(sharedContext.transactionManager as unknown as Manager, input)
  }

  @InjectTransactionManager()
  async recordMessageOutcomes(outcomes: MessageOutcome[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await recordOutcomes(sharedContext.transactionManager as unknown as Manager, outcomes)
  }

  @InjectTransactionManager()
  async loadDeliveryFacts(contactIds: string[], emails: string[], @MedusaContext() sharedContext: Context = {}) {
    const em = sharedContext.transactionManager as unknown as Manager
    return await loadDeliveryFacts(em, contactIds, emails, this.getEmailSettings().secret)
  }

  @InjectTransactionManager()
  async suppressEmails(inputs: SuppressionInput[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await addSuppressions(sharedContext.transactionManager as unknown as Manager, inputs, this.getEmailSettings().secret)
  }

  @InjectTransactionManager()
  async changeEmailConsent(change: ConsentChange, @MedusaContext() sharedContext: Context = {}) {
    const em = sharedContext.transactionManager as unknown as Manager
    return await changeEmailConsent(em, change, this.getEmailSettings().secret)
  }

  /** The live contact an id became (itself, or the contact it was merged into), or null. */
  @InjectTransactionManager()
  async liveContactId(contactId: string, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    const em = sharedContext.transactionManager as unknown as Manager
    return (await liveContactIds(em, [contactId])).get(contactId) ?? null
  }

  @InjectTransactionManager()
  async setEmailPreferences(
    input: { contact_id: string; topics_opted_out: string[]; paused_until: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return await setEmailPreferences(sharedContext.transactionManager as unknown as Manager, input)
  }

  @InjectTransactionManager()
  async recordEmailEngagement(
    input: { message_id: string; kind: "open" | "click"; machine: boolean; at: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await recordEngagement(sharedContext.transactionManager as unknown as Manager, input)
  }

  @InjectTransactionManager()
  async messageSentAt(messageId: string, @MedusaContext() sharedContext: Context = {}) {
    return await messageSentAt(sharedContext.transactionManager as unknown as Manager, messageId)
  }

  /**
   * Product ids for an email: what the contact viewed, or the bestsellers of
   * the category they viewed most (`candidates` are that category's products,
   * read by the caller through Query), or the store's bestsellers.
   */
  @InjectTransactionManager()
  async chooseProductIds(
    input: { contact_id?: string | null; strategy: ProductStrategy; limit: number; candidates?: string[] | null; now?: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    const em = sharedContext.transactionManager as unknown as Manager
    const now = input.now ?? new Date()
    if (input.strategy === "recently_viewed") {
      return input.contact_id ? await recentlyViewedProductIds(em, input.contact_id, input.limit) : []
    }
    return await bestsellerProductIds(em, { now, limit: input.limit, candidates: input.candidates })
  }

  @InjectTransactionManager()
  async mostViewedCategoryId(contactId: string, now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    return await mostViewedCategoryId(sharedContext.transactionManager as unknown as Manager, contactId, now)
  }

  @InjectTransactionManager()
  async applyDeliveryEvents(events: DeliveryFeedback[], source: string, @MedusaContext() sharedContext: Context = {}) {
    const em = sharedContext.transactionManager as unknown as Manager
    return await applyDeliveryEvents(em, events, this.getEmailSettings().secret, source)
  }

  // Privacy (GDPR): export and erasure
  // The SQL lives in privacy/; a person is a contact and every contact merged into it.

  /**
   * Everything the plugin holds on the person this contact belongs to (any
   * of their contact ids, merged ones included). Throws NOT_FOUND for an unknown id.
   */
  @InjectTransactionManager()
  async exportContactData(contactId: string, @MedusaContext() sharedContext: Context = {}): Promise<ContactExport> {
    const em = sharedContext.transactionManager as unknown as Manager
    const person = await loadPerson(em, contactId)
    if (!person) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id "${contactId}" was not found`)
    }
    const secret = this.getEmailSettings().secret
    return exportPerson(em, person, (email) => suppressionHash(email, secret))
  }

  /**
   * Erases the person this contact belongs to, in one transaction: hard
   * deletes of every row about them, a suppression hash per address kept.
   * Holds the locks ingestion, merges and segment evaluation take for the
   * person, so nothing recreates a row mid-erasure. Throws NOT_FOUND for an unknown id.
   */
  @InjectTransactionManager()
  async eraseContact(
    contactId: string,
    { source = "admin" }: { source?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ErasureResult> {
    const em = sharedContext.transactionManager as unknown as Manager
    // A running score recompute rewrites every contact's ledger: wait for it, as the nightly jobs do.
    await lockScoringShared(em)
    const person = await lockPerson(em, contactId)
    if (!person) {
      throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id "${contactId}" was not found`)
    }
    await lockSegmentsShared(em)
    const secret = this.getEmailSettings().secret
    return erasePerson(em, person, (email) => suppressionHash(email, secret), source)
  }
}

function consentParams(consent: ContactProfilePatch["analytics_consent"]): (string | null)[] {
  const status = consent?.status ?? null
  const source = consent?.source ?? null
  const at = consent?.at ?? null
  return [status, status, source, status, status, at, status]
}

function identityOf(event: PreparedEvent): Identity {
  if (event.contact_id) return { contact_id: event.contact_id }
  return {
    customer_id: event.customer_id ?? null,
    anonymous_id: event.anonymous_id ?? null,
    cart_id: event.cart_id ?? null,
  }
}

function identityKey(identity: Identity): string {
  return `${identity.contact_id ?? ""}|${identity.customer_id ?? ""}|${identity.anonymous_id ?? ""}|${identity.cart_id ?? ""}`
}

function withoutBehaviour(patch: ContactProfilePatch): ContactProfilePatch {
  const copy: ContactProfilePatch = { ...patch }
  for (const field of BEHAVIOURAL_PROFILE_FIELDS) {
    delete copy[field]
  }
  return copy
}

/** Later events win, except first-touch fields, which keep the earliest. */
function mergePatch(a: ContactProfilePatch, b: ContactProfilePatch): ContactProfilePatch {
  const merged: ContactProfilePatch = { ...a }
  for (const [key, value] of Object.entries(b)) {
    if (value === undefined) continue
    if ((key === "referrer" || key === "landing_page") && (merged as any)[key]) continue
    ;(merged as any)[key] = value
  }
  return merged
}

// ISO 8601 strings in UTC compare in time order.
const minDate = (a: string, b: string) => (a < b ? a : b)
const maxDate = (a: string, b: string) => (a > b ? a : b)

export default MarketingModuleService
