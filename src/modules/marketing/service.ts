import { InjectManager, InjectTransactionManager, MedusaContext, MedusaError, MedusaService } from "@medusajs/framework/utils"
import { newEntityId } from "./ids"
import type { Context } from "@medusajs/framework/types"
import { Contact } from "./models/contact"
import { Event } from "./models/event"
import { LifecycleStageChange } from "./models/lifecycle-stage-change"
import { ContactPrediction } from "./models/contact-prediction"
import { PredictionFit } from "./models/prediction-fit"
import { PropensityFit } from "./models/propensity-fit"
import { ContactPropensity } from "./models/contact-propensity"
import { SendTimePattern } from "./models/send-time-pattern"
import { RetentionRun } from "./models/retention-run"
import { ContactSendTime } from "./models/contact-send-time"
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
import { Session } from "./models/session"
import { ContactExport as ContactExportRecord } from "./models/contact-export"
import { Flow } from "./models/flow"
import { FlowEnrollment } from "./models/flow-enrollment"
import { FlowStepRun } from "./models/flow-step-run"
import { FlowVersion } from "./models/flow-version"
import { FlowSchedule } from "./models/flow-schedule"
import { FlowRoundRobin } from "./models/flow-round-robin"
import { FlowAbDecision } from "./models/flow-ab-decision"
import { Attribution } from "./models/attribution"
import { ChannelSpend } from "./models/channel-spend"
import { ReportSettings } from "./models/report-settings"
import { MessageRollup } from "./models/message-rollup"
import { MessageRollupDay } from "./models/message-rollup-day"
import { MessageRollupStale } from "./models/message-rollup-stale"
import { ContactImport } from "./models/contact-import"
import { ContactImportRow } from "./models/contact-import-row"
import { Form } from "./models/form"
import { FormSubmission } from "./models/form-submission"
import { FormStat } from "./models/form-stat"
import { MarketingOptions, parseMarketingOptions } from "./options"
import { boundRunnerOf, runnerOf } from "./sql-runner"
import {
  ContactFormFields, FormCount, applyFormToContact, contactEmailConsent, countFormActivity, formVariantCounts, loadFormVisitor, restoreContactFormFields,
} from "./forms/sql"
import type { FormVisitor } from "./forms/visibility"
import {
  ContactExportRow, claimContactExport, expiredContactExportFiles, failAbandonedContactExports, renewContactExportLease, segmentMembersPage,
} from "./exports/sql"
import { EmailSettings, resolveEmailSettings } from "./email/settings"
import type { DeliveryFeedback } from "./email/webhooks/sendgrid"
import { ContactExport, ErasureResult, eraseContact, exportContact } from "./privacy"
import {
  ConsentChange, EnqueueMessageInput, MessageOutcome, MessageRow, SuppressionInput,
  addSuppressions, applyDeliveryEvents, changeEmailConsent, claimMessages, enqueueMessages, liveContactIds,
  loadDeliveryFacts, markUnsubscribed, messageSentAt, nextMessageDueAt, recordEngagement, recordOutcomes, setEmailPreferences,
} from "./email/queue"
import {
  AttributionRow, OrderConversion, attributeAppointments, attributeOrder, deleteAttributions, restoreAttributions,
  withdrawOrderAttribution,
} from "./reports/attribution"
import { ProductStrategy, chooseProductIds, mostViewedCategoryId } from "./email/products"
import {
  ScoringOutcome, ScoringSettingsRow, decayAll, loadActiveRules, loadSettings, lockScoringShared, isOrderEvent,
  lockUntilCutPointsStored, processBacklog, recomputeRfm, runRecompute, scoreContacts, scoreIngested, tryLockScoringShared,
} from "./scoring/engine"
import { MAX_INDUSTRY_BUILT_IN_LENGTH, type TrendPoint } from "./segments"
import {
  EvaluationTrigger, MembershipChange, SegmentBuild,
  buildSegments, contactSegments, evaluateSegmentsForContacts, runSegmentTimeWindows,
} from "./segments/engine"
import {
  contactCountries, contactIndustries, listSegmentMembers, previewSegment, purgeSegmentMemberships, segmentMemberCustomerIds, segmentTrends,
} from "./segments/members"
import { countContactsForRule, scoringOverview } from "./scoring/overview"
import { CurrencyFit, fitPredictions, updateContactPredictions } from "./predictions/fit-store"
import { fitLeadPropensity, type PropensityFitSummary } from "./predictions/fit-propensity"
import { computeSendTimes, keysHeldForBestTime, readSendTimeFacts, type SendTimeFacts, type SendTimesSummary } from "./predictions/send-time-sql"
import { contactPredictions, contactPropensity, fitLockHeld, latestFits, listFitHistory, predictionStats } from "./predictions/read-sql"
import type { PredictionField } from "./predictions/contact-fields"
import { loadPredictionValues } from "./predictions/contact-fields-sql"
import type { ScoringRuleDefinition } from "./scoring/rules"
import { revertStoredEvents, storeEvents, storeInactivityEvents } from "./tracking/ingest"
import { ContactSessions, contactSessions } from "./tracking/session-store"
import { purgePendingCartEvents } from "./tracking/cart"
import { findContactIdsByIdentifier } from "./tracking/search"
import { lockContactPair } from "./tracking/identity"
import { mergeContact } from "./tracking/merge"
import type { IngestEventsInput, IngestEventsResult } from "./tracking/types"
import {
  EnrollInput, EnrollSegmentInput, StepRunRow, Transition, answerLeaves, claimDue, deleteStepRun, endEnrollments, endSegmentEnrollment, enroll, enrollSegment, lastMarketingEmailAt,
  lastMarketingEmailsAt, nextEnrollmentDueAt, queuedMessageKeys, recordStepRun, recordStepRuns, takeRoundRobinTurn, transition, transitionMany,
} from "./flows/sql"
import { contactsReactingToEvents, reactToOccurrences, reactToRecordedEvents, runDueSchedules } from "./flows/triggers"
import { applyContactUpdate } from "./flows/update-contact"
import { enrollDateTriggers } from "./flows/date-triggers"
import { abSamples, abWinners, dominantCurrency, insertAbDecision, listAbCandidates, type AbDecisionRow } from "./flows/ab-sql"
import { loadReportSettings, type ReportSettingsRow } from "./reports/settings"
import { buildRollupDay, rollupDaysToBuild } from "./reports/rollup"
import { reclassifyContactChannelsBatch, saveReportSettings, type ReportSettingsPatch } from "./reports/channel-settings"
import { channelsReport } from "./reports/cac"
import type { ChannelRule } from "./reports/channels"
import type { ChannelsReportResponse } from "./reports/types"
import { forgetChannelMappings } from "./tracking/channel"
import { PURGE_BATCH_SIZE, retentionCutoff, runDay } from "./retention/policy"
import {
  RetentionRunRow,
  claimRetentionRun,
  finishRetentionRun,
  purgeEventBatch,
  purgeableTypes,
  recordRetentionProgress,
} from "./retention/purge"
import {
  type StagedRow, applyImportBatch, claimImport, createImport, discardImport, finishImport, nextImportEmails, purgeRejectedRows,
  queueImport, rejectedRows, stageRows,
} from "./imports/sql"
import {
  type FlowDetailReportResponse, type FlowsReportResponse, type FunnelResponse, type MessagesSeriesResponse, type ReportPeriod,
  type RevenueSeriesResponse, flowDetailReport, flowsReport, funnelReport, messagesSeries, revenueSeries,
} from "./reports"

/**
 * The marketing module's facade: contacts, their anonymous visitors, events,
 * scores, segments and email. Generated CRUD comes from MedusaService; the
 * rest is hand-written SQL (set-based and race-safe) in each domain's folder:
 * tracking/, scoring/, segments/, email/, flows/ and privacy/. Each method here hands
 * the call's runner to it: reads under `@InjectManager`, writes and locks
 * under `@InjectTransactionManager`.
 */
class MarketingModuleService extends MedusaService({
  Contact, Visitor, Event, Session,
  ScoringRule, ScoreEntry, LifecycleStageChange, ScoringSettings, ScoringRecompute, ScoringBacklog,
  Segment, SegmentMembership,
  EmailTemplate, Message, Suppression, ConsentRecord,
  Flow, FlowVersion, FlowEnrollment, FlowStepRun, FlowSchedule, FlowRoundRobin, FlowAbDecision,
  Attribution, ChannelSpend, ReportSettings, MessageRollup, MessageRollupDay, MessageRollupStale,
  PredictionFit, ContactPrediction,
  PropensityFit, ContactPropensity, SendTimePattern, ContactSendTime,
  ContactExport: ContactExportRecord,
  RetentionRun,
  ContactImport, ContactImportRow,
  Form, FormSubmission, FormStat,
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

  // ── Tracking: ingestion and identity stitching (SQL in tracking/) ────────

  /**
   * Stores a batch of events: resolves (and stitches) each event's contact,
   * applies the consent policy, writes the events idempotently and updates
   * the contacts' profiles, all in one transaction.
   */
  @InjectTransactionManager()
  async ingestEvents(input: IngestEventsInput, @MedusaContext() sharedContext: Context = {}): Promise<IngestEventsResult> {
    const em = runnerOf(sharedContext)
    // An order may store the first RFM cut points, which locks every customer: wait for that lock before locking any contact.
    if (input.events.some(isOrderEvent)) await lockUntilCutPointsStored(em)
    const { result, stored, profileContactIds } = await storeEvents(em, input, {
      policy: this.options_.consent,
      email: this.getEmailSettings(),
    })
    result.stored = stored.map(({ id, contact_id, type }) => ({ id, contact_id, type }))
    const outcome = await scoreIngested(em, stored, profileContactIds, new Date(input.now ?? Date.now()))
    result.stage_changes = outcome.stage_changes
    result.crossings = outcome.crossings
    return result
  }

  /** Compensation for ingestEvents: removes the rows one call wrote. */
  @InjectTransactionManager()
  async revertIngestedEvents(
    written: Pick<IngestEventsResult, "event_ids" | "created_contact_ids">,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    await revertStoredEvents(runnerOf(sharedContext), written)
  }

  /** The contact's latest sessions, its session totals and its pages and categories by engaged time. */
  @InjectManager()
  async getContactSessions(contactId: string, @MedusaContext() sharedContext: Context = {}): Promise<ContactSessions> {
    return contactSessions(runnerOf(sharedContext), contactId)
  }

  /** Contacts an identifier names: contact, visitor (anonymous id), customer or cart id. */
  @InjectManager()
  async findContactIdsByIdentifier(identifier: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return findContactIdsByIdentifier(runnerOf(sharedContext), identifier)
  }

  /**
   * Deletes events about carts that found no owner within
   * `tracking.pendingCartEventDays` days. Returns how many.
   */
  @InjectTransactionManager()
  async purgePendingCartEvents(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return purgePendingCartEvents(runnerOf(sharedContext), this.options_.tracking.pendingCartEventDays, now)
  }

  // ── Retention: behavioural events past `tracking.retentionDays` (SQL in retention/) ──

  /**
   * Claims the day's retention purge for this instance, with its cut-off
   * (stored before any event goes: it settles the score ledger). Null when
   * retention is off, or another instance has today's run or finished it.
   */
  @InjectTransactionManager()
  async claimRetentionRun(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}): Promise<RetentionRunRow | null> {
    const days = this.options_.tracking.retentionDays
    const cutoff = retentionCutoff(now, days)
    if (!days || !cutoff) return null
    return claimRetentionRun(runnerOf(sharedContext), { id: newEntityId("mret"), runOn: runDay(now), days, cutoff, now })
  }

  /** Event types with events before `cutoff` that the purge deletes (orders' events are kept). */
  @InjectManager()
  async listPurgeableEventTypes(cutoff: Date, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return purgeableTypes(runnerOf(sharedContext), cutoff)
  }

  /**
   * One batch of the purge in its own short transaction: up to `limit`
   * events of `type` before `cutoff` (from `from`, the previous batch's last
   * time), counted on the run. Returns how many went and the last one's time.
   */
  @InjectTransactionManager()
  async purgeExpiredEventBatch(
    input: { runId: string; type: string; cutoff: Date; limit?: number; from?: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ deleted: number; last: string | null }> {
    const em = runnerOf(sharedContext)
    const batch = await purgeEventBatch(em, { type: input.type, cutoff: input.cutoff, limit: input.limit ?? PURGE_BATCH_SIZE, from: input.from })
    if (batch.deleted) await recordRetentionProgress(em, input.runId, batch.deleted)
    return batch
  }

  @InjectTransactionManager()
  async finishRetentionRun(runId: string, now: Date, error?: string, @MedusaContext() sharedContext: Context = {}): Promise<RetentionRunRow> {
    return finishRetentionRun(runnerOf(sharedContext), runId, now, error)
  }

  /** Merges one contact into another; idempotent. */
  @InjectTransactionManager()
  async mergeContacts(sourceId: string, targetId: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    const em = runnerOf(sharedContext)
    await lockContactPair(em, sourceId, targetId)
    await mergeContact(em, sourceId, targetId)
  }

  // ── Scoring (SQL in scoring/) ───────────────────────────────────────────

  /** The store's scoring settings (created with defaults on first use). */
  @InjectTransactionManager()
  async getScoringSettings(@MedusaContext() sharedContext: Context = {}): Promise<ScoringSettingsRow> {
    return loadSettings(runnerOf(sharedContext))
  }

  /** The store's attribution and cost settings (created with defaults on first use). */
  @InjectTransactionManager()
  async getReportSettings(@MedusaContext() sharedContext: Context = {}): Promise<ReportSettingsRow> {
    return loadReportSettings(runnerOf(sharedContext))
  }

  // ── Reports (SQL in reports/) ───────────────────────────────────────────

  /** Every flow's relevance measures over the period. */
  async reportFlows(period: ReportPeriod): Promise<FlowsReportResponse> {
    return this.reportFlows_(period, await this.getReportSettings())
  }

  @InjectManager()
  protected async reportFlows_(period: ReportPeriod, settings: ReportSettingsRow, @MedusaContext() sharedContext: Context = {}) {
    return flowsReport(runnerOf(sharedContext), period, settings)
  }

  /** One flow's measures per step and variant, holdouts and A/B decisions; null when the flow does not exist. */
  async reportFlowDetail(flowId: string, period: ReportPeriod): Promise<FlowDetailReportResponse | null> {
    return this.reportFlowDetail_(flowId, period, await this.getReportSettings())
  }

  @InjectManager()
  protected async reportFlowDetail_(flowId: string, period: ReportPeriod, settings: ReportSettingsRow, @MedusaContext() sharedContext: Context = {}) {
    return flowDetailReport(runnerOf(sharedContext), flowId, period, settings)
  }

  /** Marketing messages per UTC day of sending. */
  @InjectManager()
  async reportMessages(period: ReportPeriod, @MedusaContext() sharedContext: Context = {}): Promise<MessagesSeriesResponse> {
    return messagesSeries(runnerOf(sharedContext), period)
  }

  /** Attributed revenue per flow per UTC day in one currency (default: the first with revenue, else the settings' currency). */
  async reportRevenue(period: ReportPeriod, currencyCode?: string): Promise<RevenueSeriesResponse> {
    return this.reportRevenue_(period, currencyCode, (await this.getReportSettings()).currency_code)
  }

  @InjectManager()
  protected async reportRevenue_(period: ReportPeriod, currencyCode: string | undefined, fallback: string, @MedusaContext() sharedContext: Context = {}) {
    return revenueSeries(runnerOf(sharedContext), period, currencyCode, fallback)
  }

  /** Closed UTC days whose message rollups are missing or stale (reports/rollup.ts). */
  @InjectManager()
  async messageRollupDaysToBuild(now: Date, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return rollupDaysToBuild(runnerOf(sharedContext), now)
  }

  /** Rebuilds one day's message rollup from its messages, in one transaction; returns the rows written. */
  @InjectTransactionManager()
  async buildMessageRollupDay(day: string, now: Date, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return buildRollupDay(runnerOf(sharedContext), day, now)
  }

  /** Contacts per lifecycle stage now and entries per stage in the period. */
  @InjectManager()
  async reportFunnel(period: ReportPeriod, @MedusaContext() sharedContext: Context = {}): Promise<FunnelResponse> {
    return funnelReport(runnerOf(sharedContext), period)
  }

  /** Whether Postgres knows a time zone name (its tz database may be older than Node's). */
  @InjectManager()
  async isKnownTimeZone(name: string, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    const rows = await runnerOf(sharedContext).execute(`SELECT 1 FROM pg_timezone_names WHERE name = ?`, [name])
    return rows.length > 0
  }

  /**
   * Rebuilds the rule ledger and every contact's scores from stored events,
   * in one transaction; progress is written to the recompute row as it goes
   * (in its own transactions, so the admin sees it). A recompute with a
   * `rule_id` applies that rule alone (see `applyRuleToHistory`).
   */
  @InjectTransactionManager()
  async recomputeScores(
    recomputeId: string,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, number>> {
    const report = async (progress: number, step: string) => {
      await this.updateScoringRecomputes({ id: recomputeId, progress, step })
    }
    return runRecompute(runnerOf(sharedContext), recomputeId, now, report)
  }

  /** Scores events parked while a recompute ran; a no-op while one still runs. */
  @InjectTransactionManager()
  async processScoringBacklog(
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ScoringOutcome & { scored: number }> {
    const em = runnerOf(sharedContext)
    if (!(await tryLockScoringShared(em))) {
      return { stage_changes: [], crossings: [], scored: 0 }
    }
    return processBacklog(em, await loadSettings(em), await loadActiveRules(em), now)
  }

  /**
   * Nightly: fits the order and spend models on each currency's orders, runs
   * the backtest, and rewrites every customer's predictions, in one
   * transaction (readers see the previous fit until it commits). Null when
   * another instance is fitting, or a fit is fresh and `force` is not set.
   */
  @InjectTransactionManager()
  async fitPredictions(
    input: { now?: Date; force?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<CurrencyFit[] | null> {
    const em = runnerOf(sharedContext)
    const settings = await loadSettings(em)
    const now = input.now ?? new Date()
    return fitPredictions(em, { options: this.options_.predictions, timeZone: settings.time_zone, now, force: input.force })
  }

  /** A contact's predictions made again with the latest fitted models, after an order of theirs was placed, canceled or merged in. */
  @InjectTransactionManager()
  async refreshContactPredictions(
    contactId: string,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<number> {
    const em = runnerOf(sharedContext)
    const settings = await loadSettings(em)
    return updateContactPredictions(em, { contactId, options: this.options_.predictions, timeZone: settings.time_zone, now })
  }

  /**
   * Nightly: purchase propensity for leads (a logistic regression trained on
   * the store's leads of 60 days ago, tested on those of 30 days ago, refitted
   * on them) and every current lead's probability, in one transaction. Null
   * when another instance is fitting, or a fit is fresh and `force` is not set.
   */
  @InjectTransactionManager()
  async fitPurchasePropensity(
    input: { now?: Date; force?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<PropensityFitSummary | null> {
    const em = runnerOf(sharedContext)
    const settings = await loadSettings(em)
    const o = this.options_.predictions
    return fitLeadPropensity(em, {
      options: { minLeads: o.minLeads, minFirstBuyers: o.minFirstBuyers },
      halfLifeDays: settings.half_life_days,
      now: input.now ?? new Date(),
      force: input.force,
    })
  }

  /** Nightly: the store's send-time pattern and every contact's best hour of the week. Null when skipped. */
  @InjectTransactionManager()
  async computeSendTimes(
    input: { now?: Date; force?: boolean } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<SendTimesSummary | null> {
    const em = runnerOf(sharedContext)
    const settings = await loadSettings(em)
    return computeSendTimes(em, { storeTimeZone: settings.time_zone, now: input.now ?? new Date(), force: input.force })
  }

  /** The store pattern and these contacts' own open and click counts, for `send_at: "best_time"`. */
  @InjectManager()
  async sendTimeFacts(contactIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<SendTimeFacts> {
    return readSendTimeFacts(runnerOf(sharedContext), contactIds)
  }

  /** Send-step visits already held once for the contact's best time (their hour has come: they send). */
  @InjectManager()
  async keysHeldForBestTime(input: { enrollment_ids: string[]; keys: string[] }, @MedusaContext() sharedContext: Context = {}) {
    return keysHeldForBestTime(runnerOf(sharedContext), input)
  }

  /** The prediction options in force: the minimums a currency must meet, the backtest weeks, the lifetime horizon. */
  getPredictionOptions(): MarketingOptions["predictions"] {
    return this.options_.predictions
  }

  /**
   * The Predictions page: each currency's latest fit (with its backtest),
   * and per currency with predictions their count, churn risk bands and top
   * lifetime values.
   */
  @InjectManager()
  async predictionsOverview(@MedusaContext() sharedContext: Context = {}) {
    const em = runnerOf(sharedContext)
    return { fits: await latestFits(em), stats: await predictionStats(em) }
  }

  /** Whether a fit runs now, on any instance (it holds the fit's lock). */
  @InjectManager()
  async isPredictionFitRunning(@MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    return fitLockHeld(runnerOf(sharedContext))
  }

  /** Past fits, newest first; the backtest only with `with_backtest`. */
  @InjectManager()
  async listPredictionFitHistory(
    input: Parameters<typeof listFitHistory>[1],
    @MedusaContext() sharedContext: Context = {}
  ) {
    return listFitHistory(runnerOf(sharedContext), input)
  }

  /** A contact's predictions in every currency, with their fit's date, and a lead's purchase propensity. */
  @InjectManager()
  async contactPredictionsWithFit(contactId: string, @MedusaContext() sharedContext: Context = {}) {
    const em = runnerOf(sharedContext)
    return { predictions: await contactPredictions(em, contactId), propensity: await contactPropensity(em, contactId) }
  }

  /** Nightly: new RFM quintiles over all customers, then every customer's bands. */
  @InjectTransactionManager()
  async recomputeRfm(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const em = runnerOf(sharedContext)
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
    const em = runnerOf(sharedContext)
    await lockScoringShared(em)
    const settings = await loadSettings(em)
    const events = await storeInactivityEvents(em, settings.inactivity_days, now)
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

  /** Nightly: brings every stored engagement score to `now`. */
  @InjectTransactionManager()
  async decayScores(now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    const em = runnerOf(sharedContext)
    await lockScoringShared(em)
    return decayAll(em, await loadSettings(em), now)
  }

  /** Contacts a rule would affect: with a matching event, or whose attributes match a fit rule. */
  @InjectManager()
  async countContactsForRule(rule: ScoringRuleDefinition, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return countContactsForRule(runnerOf(sharedContext), rule)
  }

  /** Counts for the Scoring page: score distributions, stages and RFM groups. */
  @InjectManager()
  async scoringOverview(@MedusaContext() sharedContext: Context = {}) {
    return scoringOverview(runnerOf(sharedContext))
  }

  // ── Segments (SQL in segments/engine.ts and segments/members.ts) ─────────

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
  ): Promise<{ changes: MembershipChange[]; built: SegmentBuild[] }> {
    return buildSegments(runnerOf(sharedContext), segmentIds, now, { announce, withDependants })
  }

  /** The incremental path: a few contacts against the segments the trigger can affect. */
  @InjectTransactionManager()
  async evaluateSegmentsForContacts(
    contactIds: string[],
    trigger: EvaluationTrigger,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MembershipChange[]> {
    return evaluateSegmentsForContacts(runnerOf(sharedContext), contactIds, trigger, now)
  }

  /** Scheduled: every time-dependent segment re-evaluates the contacts whose window edge passed. */
  @InjectTransactionManager()
  async runSegmentTimeWindows(
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ segments: number; candidates: number; changes: MembershipChange[] }> {
    return runSegmentTimeWindows(runnerOf(sharedContext), now)
  }

  /** Count and a sample of 20 for an unsaved, valid definition. */
  @InjectManager()
  async previewSegment(
    definition: unknown,
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ count: number; contacts: Record<string, unknown>[] }> {
    return previewSegment(runnerOf(sharedContext), definition, now)
  }

  /** Current members, most recent first. */
  @InjectManager()
  async listSegmentMembers(
    segmentId: string,
    page: { limit: number; offset: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ contacts: Record<string, unknown>[]; count: number }> {
    return listSegmentMembers(runnerOf(sharedContext), segmentId, page)
  }

  /** Medusa customer ids of current members (all, or among the given contacts). */
  @InjectManager()
  async segmentMemberCustomerIds(
    segmentId: string,
    contactIds: string[] | null,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return segmentMemberCustomerIds(runnerOf(sharedContext), segmentId, contactIds)
  }

  @InjectManager()
  async listContactSegments(contactId: string, @MedusaContext() sharedContext: Context = {}) {
    return contactSegments(runnerOf(sharedContext), contactId)
  }

  /** Member counts at the end of each of the last 30 days, per segment. */
  @InjectManager()
  async segmentTrends(
    segments: { id: string; member_count: number }[],
    now: Date = new Date(),
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, TrendPoint[]>> {
    return segmentTrends(runnerOf(sharedContext), segments, now)
  }

  /** The most common contact countries (lowercase ISO-2), for the built-in segments. */
  @InjectManager()
  async contactCountries(limit: number, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return contactCountries(runnerOf(sharedContext), limit)
  }

  /** The most common contact industries (as most contacts spell each), for the built-in segments. */
  @InjectManager()
  async contactIndustries(limit: number, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return contactIndustries(runnerOf(sharedContext), limit, MAX_INDUSTRY_BUILT_IN_LENGTH)
  }

  /** Whether any customer has predictions, any lead a propensity: the prediction built-ins are offered from then on. */
  @InjectManager()
  async hasPredictions(@MedusaContext() sharedContext: Context = {}): Promise<{ customers: boolean; leads: boolean }> {
    const [row] = await runnerOf(sharedContext).execute(
      `SELECT EXISTS (SELECT 1 FROM marketing_contact_prediction) AS customers, EXISTS (SELECT 1 FROM marketing_contact_propensity) AS leads`
    )
    return { customers: !!row?.customers, leads: !!row?.leads }
  }

  /** Each contact's prediction fields (its main currency's row; all null without one), by contact id. */
  @InjectManager()
  async contactPredictionValues(
    contactIds: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Map<string, Record<PredictionField, unknown>>> {
    return loadPredictionValues(runnerOf(sharedContext), contactIds)
  }

  /** Removes a deleted segment's memberships for good (its history goes with it). */
  @InjectTransactionManager()
  async purgeSegmentMemberships(segmentIds: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await purgeSegmentMemberships(runnerOf(sharedContext), segmentIds)
  }

  // ── Attribution: orders and appointments credited to messages (SQL in reports/attribution.ts) ──

  /** Credits an order to its contact's last click (else open) within the report settings' windows; null when none or already credited. */
  @InjectTransactionManager()
  async attributeOrder(order: OrderConversion, @MedusaContext() sharedContext: Context = {}): Promise<AttributionRow | null> {
    const em = runnerOf(sharedContext)
    return attributeOrder(em, order, await loadReportSettings(em))
  }

  /** Credits a contact's appointment_booked events not yet credited. */
  @InjectTransactionManager()
  async attributeAppointments(input: { contact_id: string; now: Date }, @MedusaContext() sharedContext: Context = {}): Promise<AttributionRow[]> {
    const em = runnerOf(sharedContext)
    return attributeAppointments(em, input, await loadReportSettings(em))
  }

  @InjectTransactionManager()
  async withdrawOrderAttribution(orderId: string, at: string, @MedusaContext() sharedContext: Context = {}): Promise<string[]> {
    return withdrawOrderAttribution(runnerOf(sharedContext), orderId, at)
  }

  @InjectTransactionManager()
  async unwithdrawAttributions(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await restoreAttributions(runnerOf(sharedContext), ids)
  }

  @InjectTransactionManager()
  async removeAttributionRows(ids: string[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await deleteAttributions(runnerOf(sharedContext), ids)
  }

  // ── Email: the message queue, suppressions, consent and engagement (SQL in email/) ──

  @InjectTransactionManager()
  async enqueueMessages(inputs: EnqueueMessageInput[], now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    return await enqueueMessages(runnerOf(sharedContext), inputs, now)
  }

  @InjectTransactionManager()
  async claimMessages(
    input: { now: Date; limit: number; ids?: string[] | null; leaseSeconds: number; dueBefore?: Date; maxAttempts?: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<MessageRow[]> {
    return await claimMessages(runnerOf(sharedContext), input)
  }

  @InjectManager()
  async nextMessageDueAt(input: { now: Date; settleSeconds: number; before: Date }, @MedusaContext() sharedContext: Context = {}) {
    return await nextMessageDueAt(runnerOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async recordMessageOutcomes(outcomes: MessageOutcome[], @MedusaContext() sharedContext: Context = {}): Promise<MessageRow[]> {
    return await recordOutcomes(runnerOf(sharedContext), outcomes)
  }

  @InjectManager()
  async loadDeliveryFacts(contactIds: string[], emails: string[], @MedusaContext() sharedContext: Context = {}) {
    return await loadDeliveryFacts(runnerOf(sharedContext), contactIds, emails, this.getEmailSettings().secret)
  }

  @InjectTransactionManager()
  async suppressEmails(inputs: SuppressionInput[], @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await addSuppressions(runnerOf(sharedContext), inputs, this.getEmailSettings().secret)
  }

  /** Notes that the contact unsubscribed through this message (a send without a contact, too). */
  @InjectTransactionManager()
  async markMessageUnsubscribed(messageId: string, at: string, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await markUnsubscribed(runnerOf(sharedContext), messageId, at)
  }

  @InjectTransactionManager()
  async changeEmailConsent(change: ConsentChange, @MedusaContext() sharedContext: Context = {}) {
    return await changeEmailConsent(runnerOf(sharedContext), change, this.getEmailSettings().secret)
  }

  /** The live contact an id became (itself, or the contact it was merged into), or null. */
  @InjectManager()
  async liveContactId(contactId: string, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    return (await liveContactIds(runnerOf(sharedContext), [contactId])).get(contactId) ?? null
  }

  @InjectTransactionManager()
  async setEmailPreferences(
    input: { contact_id: string; topics_opted_out: string[]; paused_until: string | null },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<boolean> {
    return await setEmailPreferences(runnerOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async recordEmailEngagement(
    input: { message_id: string; kind: "open" | "click"; machine: boolean; at: string },
    @MedusaContext() sharedContext: Context = {}
  ) {
    return await recordEngagement(runnerOf(sharedContext), input)
  }

  @InjectManager()
  async messageSentAt(messageId: string, @MedusaContext() sharedContext: Context = {}) {
    return await messageSentAt(runnerOf(sharedContext), messageId)
  }

  /**
   * Product ids for an email: what the contact viewed, or the bestsellers of
   * the category they viewed most (`candidates` are that category's products,
   * read by the caller through Query), or the store's bestsellers.
   */
  @InjectManager()
  async chooseProductIds(
    input: { contact_id?: string | null; strategy: ProductStrategy; limit: number; candidates?: string[] | null; now?: Date },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    return await chooseProductIds(runnerOf(sharedContext), input)
  }

  @InjectManager()
  async mostViewedCategoryId(contactId: string, now: Date = new Date(), @MedusaContext() sharedContext: Context = {}) {
    return await mostViewedCategoryId(runnerOf(sharedContext), contactId, now)
  }

  @InjectTransactionManager()
  async applyDeliveryEvents(events: DeliveryFeedback[], source: string, @MedusaContext() sharedContext: Context = {}) {
    return await applyDeliveryEvents(runnerOf(sharedContext), events, this.getEmailSettings().secret, source)
  }

  // ── Flows: enrollment, the runner's claims and transitions (SQL in flows/) ──
  // One line each: the engine's workflows call these; flows/sql.ts documents them.

  @InjectTransactionManager()
  async enrollInFlow(input: EnrollInput, @MedusaContext() ctx: Context = {}) { return enroll(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async enrollSegmentInFlow(input: EnrollSegmentInput, @MedusaContext() ctx: Context = {}) { return enrollSegment(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async endSegmentEnrollment(input: Parameters<typeof endSegmentEnrollment>[1], @MedusaContext() ctx: Context = {}) { return endSegmentEnrollment(runnerOf(ctx), input) }
  @InjectManager()
  async nextEnrollmentDueAt(input: { now: Date; before: Date }, @MedusaContext() ctx: Context = {}) { return nextEnrollmentDueAt(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async claimDueEnrollments(input: Parameters<typeof claimDue>[1], @MedusaContext() ctx: Context = {}) { return claimDue(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async recordFlowStepRun(run: StepRunRow, @MedusaContext() ctx: Context = {}) { return recordStepRun(runnerOf(ctx), run) }
  @InjectTransactionManager()
  async deleteFlowStepRun(id: string, @MedusaContext() ctx: Context = {}) { return deleteStepRun(runnerOf(ctx), id) }
  @InjectTransactionManager()
  async transitionEnrollment(t: Transition, @MedusaContext() ctx: Context = {}) { return transition(runnerOf(ctx), t) }
  @InjectTransactionManager()
  async endEnrollments(input: Parameters<typeof endEnrollments>[1], @MedusaContext() ctx: Context = {}) { return endEnrollments(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async applyFlowContactUpdate(input: Parameters<typeof applyContactUpdate>[1], @MedusaContext() ctx: Context = {}) { return applyContactUpdate(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async reactToFlowOccurrences(input: Parameters<typeof reactToOccurrences>[1], @MedusaContext() ctx: Context = {}) { return reactToOccurrences(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async reactToRecordedEvents(input: Parameters<typeof reactToRecordedEvents>[1], @MedusaContext() ctx: Context = {}) { return reactToRecordedEvents(runnerOf(ctx), input) }
  @InjectManager()
  async contactsReactingToEvents(contacts: { contact_id: string; types: string[] }[], @MedusaContext() ctx: Context = {}) { return contactsReactingToEvents(runnerOf(ctx), contacts) }
  @InjectTransactionManager()
  async runDueFlowSchedules(input: { now: Date; limit: number }, @MedusaContext() ctx: Context = {}) { return runDueSchedules(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async runFlowDateTriggers(now: Date, @MedusaContext() ctx: Context = {}) { const em = runnerOf(ctx); return enrollDateTriggers(em, { now, store_time_zone: (await loadSettings(em)).time_zone }) }
  @InjectTransactionManager()
  async takeRoundRobinTurn(input: { flow_id: string; step_id: string }, @MedusaContext() ctx: Context = {}) { return takeRoundRobinTurn(runnerOf(ctx), input) }
  @InjectManager()
  async lastMarketingEmailAt(contactId: string, before: Date, @MedusaContext() ctx: Context = {}) { return lastMarketingEmailAt(runnerOf(ctx), contactId, before) }
  // The runner's batches (flows/batch.ts): the same writes and reads, one statement for many enrollments.
  @InjectTransactionManager()
  async recordFlowStepRuns(runs: StepRunRow[], @MedusaContext() ctx: Context = {}) { return recordStepRuns(runnerOf(ctx), runs) }
  @InjectTransactionManager()
  async transitionEnrollments(ts: Transition[], @MedusaContext() ctx: Context = {}) { return transitionMany(runnerOf(ctx), ts) }
  @InjectManager()
  async lastMarketingEmailsAt(contactIds: string[], before: Date, @MedusaContext() ctx: Context = {}) { return lastMarketingEmailsAt(runnerOf(ctx), contactIds, before) }
  @InjectManager()
  async queuedMessageKeys(keys: string[], @MedusaContext() ctx: Context = {}) { return queuedMessageKeys(runnerOf(ctx), keys) }
  /**
   * Freezes a checked definition as the flow's next version and makes it
   * active (a paused flow stays paused), under a row lock on the flow: publishes
   * made at once each get a number of their own. Returns the flow as it was.
   */
  @InjectTransactionManager()
  async publishFlowVersion(input: { flow_id: string; definition: Record<string, unknown>; trigger_type: string; now: Date }, @MedusaContext() ctx: Context = {}) {
    await runnerOf(ctx).execute(`SELECT id FROM marketing_flow WHERE id = ? FOR UPDATE`, [input.flow_id])
    const flow = await this.retrieveFlow(input.flow_id, {}, ctx)
    const version = await this.createFlowVersions(
      { flow_id: flow.id, version: flow.version_count + 1, definition: input.definition, trigger_type: input.trigger_type as never, published_at: input.now }, ctx
    )
    await this.updateFlows({ id: flow.id, status: flow.status === "paused" ? "paused" : "active", active_version_id: version.id, version_count: version.version, published_at: input.now }, ctx)
    return { flow, version }
  }
  // Automatic A/B winners (flows/ab-sql.ts; the statistics in flows/ab-test.ts).
  @InjectManager()
  async listFlowAbCandidates(@MedusaContext() ctx: Context = {}) { return listAbCandidates(runnerOf(ctx)) }
  /** Each variant's sample for the metric; revenue in the flow's dominant currency (returned with it). */
  @InjectManager()
  async flowAbSamples(input: Omit<Parameters<typeof abSamples>[1], "currency"> & { flow_id: string }, @MedusaContext() ctx: Context = {}) {
    const em = runnerOf(ctx)
    const currency = input.metric === "revenue_per_recipient" ? await dominantCurrency(em, input.flow_id) : null
    return { currency, samples: await abSamples(em, { ...input, currency }) }
  }
  @InjectTransactionManager()
  async recordFlowAbDecision(d: AbDecisionRow, @MedusaContext() ctx: Context = {}) { return insertAbDecision(runnerOf(ctx), d) }
  @InjectManager()
  async flowAbWinners(versionIds: string[], @MedusaContext() ctx: Context = {}) { return abWinners(runnerOf(ctx), versionIds) }
  @InjectManager()
  async answerFlowConditionLeaves(input: Parameters<typeof answerLeaves>[1], @MedusaContext() ctx: Context = {}) { return answerLeaves(runnerOf(ctx), input) }

  // ── Signup forms: counters, figures and visitors (SQL in forms/sql.ts) ───

  /** Counts a form's view, close or submission on its variant's day. */
  @InjectTransactionManager()
  async countFormActivity(input: FormCount, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await countFormActivity(runnerOf(sharedContext), input)
  }

  /** Each form's counters per variant over the last `days` UTC days. */
  @InjectManager()
  async formVariantCounts(formIds: string[], now: Date, days: number, @MedusaContext() sharedContext: Context = {}) {
    return formVariantCounts(runnerOf(sharedContext), formIds, now, days)
  }

  /** What the plugin knows about a visitor for the forms they may see. */
  @InjectManager()
  async loadFormVisitor(anonymousId: string, @MedusaContext() sharedContext: Context = {}): Promise<FormVisitor> {
    return loadFormVisitor(runnerOf(sharedContext), anonymousId)
  }

  /** A submission's custom fields and topic choices on its contact; the previous values back. */
  @InjectTransactionManager()
  async applyFormToContact(input: Parameters<typeof applyFormToContact>[1], @MedusaContext() sharedContext: Context = {}) {
    return applyFormToContact(runnerOf(sharedContext), input)
  }

  @InjectTransactionManager()
  async restoreContactFormFields(before: ContactFormFields, @MedusaContext() sharedContext: Context = {}): Promise<void> {
    await restoreContactFormFields(runnerOf(sharedContext), before)
  }

  @InjectManager()
  async contactEmailConsent(contactId: string, @MedusaContext() sharedContext: Context = {}): Promise<string | null> {
    return contactEmailConsent(runnerOf(sharedContext), contactId)
  }

  // ── Privacy (GDPR): export and erasure (SQL in privacy/) ─────────────────
  // A person is a contact and every contact merged into it.

  /**
   * Everything the plugin holds on the person this contact belongs to (any
   * of their contact ids, merged ones included). Throws NOT_FOUND for an unknown id.
   */
  @InjectTransactionManager()
  async exportContactData(contactId: string, @MedusaContext() sharedContext: Context = {}): Promise<ContactExport> {
    return (await exportContact(runnerOf(sharedContext), contactId, this.getEmailSettings().secret)) ?? contactNotFound(contactId)
  }

  /**
   * Erases the person this contact belongs to, in one transaction, holding
   * the locks that keep anything from recreating a row mid-erasure (see
   * privacy/contact.ts). Throws NOT_FOUND for an unknown id.
   */
  @InjectTransactionManager()
  async eraseContact(
    contactId: string,
    { source = "admin" }: { source?: string } = {},
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ErasureResult> {
    const secret = this.getEmailSettings().secret
    return (await eraseContact(runnerOf(sharedContext), contactId, secret, source)) ?? contactNotFound(contactId)
  }

  // ---- Channels: report settings, re-classification, cost of acquisition (reports/channel-settings.ts, reports/cac.ts)

  /** Saves report settings fields; returns the row before and after. Forgets this instance's cached channel mappings. */
  @InjectTransactionManager()
  async saveReportSettings(patch: ReportSettingsPatch, @MedusaContext() sharedContext: Context = {}) {
    const saved = await saveReportSettings(runnerOf(sharedContext), patch)
    forgetChannelMappings()
    return saved
  }

  /** One batch of re-classifying contacts' first/last channel with these mappings (id order after `afterId`). */
  @InjectTransactionManager()
  async reclassifyContactChannels(
    mappings: ChannelRule[],
    afterId: string | null,
    limit = 1000,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ last_id: string | null; updated: number }> {
    return reclassifyContactChannelsBatch(runnerOf(sharedContext), mappings, afterId, limit)
  }

  // ── Contact imports: staging, claims and batches (SQL in imports/sql.ts) ──
  // One line each: the upload route and the import workflow call these.
  @InjectTransactionManager()
  async createContactImport(input: Parameters<typeof createImport>[1], @MedusaContext() ctx: Context = {}) { return createImport(runnerOf(ctx), input) }
  @InjectTransactionManager()
  async stageContactImportRows(importId: string, rows: StagedRow[], @MedusaContext() ctx: Context = {}) { return stageRows(boundRunnerOf(ctx), importId, rows) }
  @InjectTransactionManager()
  async queueContactImport(importId: string, rowsRead: number, @MedusaContext() ctx: Context = {}) { return queueImport(runnerOf(ctx), importId, rowsRead) }
  @InjectTransactionManager()
  async discardContactImport(importId: string, @MedusaContext() ctx: Context = {}) { return discardImport(runnerOf(ctx), importId) }
  @InjectTransactionManager()
  async claimContactImport(now: Date, leaseSeconds: number, @MedusaContext() ctx: Context = {}) { return claimImport(runnerOf(ctx), now, leaseSeconds) }
  @InjectManager()
  async nextContactImportEmails(importId: string, limit: number, after: string | null = null, @MedusaContext() ctx: Context = {}) { return nextImportEmails(runnerOf(ctx), importId, limit, after) }
  @InjectTransactionManager()
  async applyContactImportBatch(input: Parameters<typeof applyImportBatch>[1], @MedusaContext() ctx: Context = {}) { return applyImportBatch(boundRunnerOf(ctx), input, this.getEmailSettings().secret) }
  @InjectTransactionManager()
  async finishContactImport(importId: string, now: Date, error: string | null = null, @MedusaContext() ctx: Context = {}) { return finishImport(runnerOf(ctx), importId, now, error) }
  @InjectManager()
  async contactImportRejectedRows(importId: string, page: { after_line: number; limit: number }, @MedusaContext() ctx: Context = {}) { return rejectedRows(runnerOf(ctx), importId, page) }
  @InjectTransactionManager()
  async purgeContactImportRows(now: Date, @MedusaContext() ctx: Context = {}) { return purgeRejectedRows(runnerOf(ctx), now) }

  /** New customers, spend and CAC per month and channel. */
  @InjectManager()
  async channelsReport(period: { from: Date; to: Date }, @MedusaContext() sharedContext: Context = {}): Promise<ChannelsReportResponse> {
    return channelsReport(runnerOf(sharedContext), period)
  }

  // ── Contact exports: CSV files of a list view, a segment or an ad audience (SQL in exports/) ──

  /** Takes one pending export (or one whose instance died) to run, once across instances. */
  @InjectTransactionManager()
  async claimContactExport(
    input: { id?: string; now: Date; leaseSeconds: number },
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactExportRow | null> {
    return claimContactExport(runnerOf(sharedContext), input)
  }

  /** Extends a running export's lease; false when another run took it over. */
  @InjectTransactionManager()
  async renewContactExportLease(id: string, attempts: number, until: Date, @MedusaContext() sharedContext: Context = {}): Promise<boolean> {
    return renewContactExportLease(runnerOf(sharedContext), id, attempts, until)
  }

  /** Marks failed the running exports whose last attempt's instance went away. */
  @InjectTransactionManager()
  async failAbandonedContactExports(now: Date, @MedusaContext() sharedContext: Context = {}): Promise<number> {
    return failAbandonedContactExports(runnerOf(sharedContext), now)
  }

  /** Finished exports whose file is past its retention. */
  @InjectManager()
  async expiredContactExportFiles(now: Date, limit: number, @MedusaContext() sharedContext: Context = {}) {
    return expiredContactExportFiles(runnerOf(sharedContext), now, limit)
  }

  /** One page of a segment's members for an export, by contact id after `after_id`. */
  @InjectManager()
  async segmentMembersPage(
    input: Parameters<typeof segmentMembersPage>[1],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<Record<string, unknown>[]> {
    return segmentMembersPage(runnerOf(sharedContext), input)
  }
}

function contactNotFound(contactId: string): never {
  throw new MedusaError(MedusaError.Types.NOT_FOUND, `Contact with id "${contactId}" was not found`)
}

export default MarketingModuleService
