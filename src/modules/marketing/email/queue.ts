import { newEntityId } from "../ids"
import { normalizeEmail, suppressionHash } from "./headers"
import type { DeliveryFeedback } from "./webhooks/sendgrid"

/**
 * The message queue and the email side of a contact (suppressions, consent,
 * preferences, engagement) as SQL over the caller's transaction.
 */
export type { SqlRunner } from "../sql-runner"
import type { SqlRunner } from "../sql-runner"
import type { PredictionField } from "../predictions/contact-fields"
import { loadPredictionValues } from "../predictions/contact-fields-sql"

export type EnqueueMessageInput = {
  email: string
  contact_id?: string | null
  template_id?: string | null
  kind: "marketing" | "transactional"
  topic?: string | null
  idempotency_key: string
  context?: Record<string, unknown> | null
  /** Not before (a flow's delay); defaults to now. */
  send_at?: string | null
  /** The flow send step that queues it (reports per flow, step and variant). */
  flow?: MessageFlow | null
}

/** Which flow, version, send step and variant (null without variants) a message comes from. */
export type MessageFlow = { flow_id: string; flow_version_id: string; step_id: string; variant: string | null }

export type MessageRow = {
  id: string
  contact_id: string | null
  template_id: string | null
  kind: "marketing" | "transactional"
  topic: string | null
  email: string
  subject: string | null
  status: string
  idempotency_key: string
  context: Record<string, unknown> | null
  provider_id: string | null
  provider_message_id: string | null
  notification_id: string | null
  error: string | null
  attempts: number
  next_attempt_at: Date | null
  queued_at: Date
  sent_at: Date | null
  failed_at: Date | null
  bounced_at: Date | null
  complained_at: Date | null
  opened_at: Date | null
  clicked_at: Date | null
  open_count: number
  click_count: number
  machine_open_count: number
  machine_click_count: number
}

const MESSAGE_COLUMNS = `id, contact_id, template_id, kind, topic, email, subject, status, idempotency_key, context,
  provider_id, provider_message_id, notification_id, error, attempts, next_attempt_at, queued_at, sent_at,
  failed_at, bounced_at, complained_at, opened_at, clicked_at, open_count, click_count, machine_open_count, machine_click_count`

const newId = newEntityId

/**
 * Queues messages. A key seen before returns the message it created, in any
 * state, and queues nothing: a retried workflow step never sends twice.
 */
export async function enqueueMessages(
  em: SqlRunner,
  inputs: EnqueueMessageInput[],
  now: Date
): Promise<{ messages: MessageRow[]; created_ids: string[] }> {
  if (!inputs.length) return { messages: [], created_ids: [] }
  const rows = inputs.map((input) => ({
    id: newId("mmsg"),
    email: normalizeEmail(input.email),
    contact_id: input.contact_id ?? null,
    template_id: input.template_id ?? null,
    kind: input.kind,
    topic: input.topic ?? null,
    idempotency_key: input.idempotency_key,
    context: input.context ?? null,
    at: input.send_at ?? now.toISOString(),
    flow_id: input.flow?.flow_id ?? null,
    flow_version_id: input.flow?.flow_version_id ?? null,
    step_id: input.flow?.step_id ?? null,
    variant: input.flow?.variant ?? null,
  }))
  const created: { id: string }[] = await em.execute(
    `INSERT INTO marketing_message
       (id, email, contact_id, template_id, kind, topic, idempotency_key, context, status, attempts,
        queued_at, next_attempt_at, open_count, click_count, machine_open_count, machine_click_count,
        flow_id, flow_version_id, step_id, variant)
     SELECT r.id, r.email, r.contact_id, r.template_id, r.kind, r.topic, r.idempotency_key, r.context, 'queued', 0,
            ?::timestamptz, r.at, 0, 0, 0, 0, r.flow_id, r.flow_version_id, r.step_id, r.variant
       FROM jsonb_to_recordset(?::jsonb) AS r(id text, email text, contact_id text, template_id text, kind text,
            topic text, idempotency_key text, context jsonb, at timestamptz,
            flow_id text, flow_version_id text, step_id text, variant text)
     ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
     RETURNING id`,
    [now.toISOString(), JSON.stringify(rows)]
  )
  const messages: MessageRow[] = await em.execute(
    `SELECT ${MESSAGE_COLUMNS} FROM marketing_message
      WHERE idempotency_key IN (SELECT jsonb_array_elements_text(?::jsonb)) AND deleted_at IS NULL`,
    [JSON.stringify(inputs.map((input) => input.idempotency_key))]
  )
  const order = new Map(inputs.map((input, index) => [input.idempotency_key, index]))
  messages.sort((a, b) => order.get(a.idempotency_key)! - order.get(b.idempotency_key)!)
  return { messages, created_ids: created.map((row) => row.id) }
}

/**
 * Takes up to `limit` due messages for this dispatcher: each is leased until
 * `now + leaseSeconds` and its attempt counted. Rows another dispatcher holds
 * are skipped, so several servers can drain one queue.
 */
export async function claimMessages(
  em: SqlRunner,
  input: { now: Date; limit: number; ids?: string[] | null; leaseSeconds: number; dueBefore?: Date; maxAttempts?: number }
): Promise<MessageRow[]> {
  if (input.maxAttempts) {
    // Claimed that many times without an outcome (dispatchers that died mid-send): give up.
    await em.execute(
      `UPDATE marketing_message SET status = 'failed', failed_at = ?::timestamptz, locked_until = NULL, updated_at = now(),
              error = concat_ws(' ', error, '(gave up after ' || attempts || ' attempts)')
        WHERE status = 'queued' AND deleted_at IS NULL AND attempts >= ?
          AND (locked_until IS NULL OR locked_until <= ?::timestamptz)`,
      [input.now.toISOString(), input.maxAttempts, input.now.toISOString()]
    )
  }
  const params: unknown[] = [
    input.now.toISOString(),
    input.leaseSeconds,
    (input.dueBefore ?? input.now).toISOString(),
    input.now.toISOString(),
  ]
  let only = ""
  if (input.ids) {
    only = "AND id IN (SELECT jsonb_array_elements_text(?::jsonb))"
    params.push(JSON.stringify(input.ids))
  }
  params.push(input.limit)
  return await em.execute(
    `UPDATE marketing_message m
        SET locked_until = ?::timestamptz + make_interval(secs => ?), attempts = m.attempts + 1, updated_at = now()
      WHERE m.id IN (
        SELECT id FROM marketing_message
         WHERE status = 'queued' AND deleted_at IS NULL AND next_attempt_at <= ?::timestamptz
           AND (locked_until IS NULL OR locked_until <= ?::timestamptz) ${only}
         ORDER BY next_attempt_at
         LIMIT ? FOR UPDATE SKIP LOCKED)
      RETURNING ${MESSAGE_COLUMNS.replace(/(\w+)/g, "m.$1")}`,
    params
  )
}

/**
 * When the next queued message becomes due for the dispatcher job, if before
 * `before`: the earliest `next_attempt_at` not yet claimable (a retry's
 * backoff, a fresh message's settle time), plus the settle the job leaves.
 */
export async function nextMessageDueAt(em: SqlRunner, input: { now: Date; settleSeconds: number; before: Date }): Promise<Date | null> {
  const [row] = await em.execute(
    `SELECT min(next_attempt_at) + make_interval(secs => ?) AS at FROM marketing_message
      WHERE status = 'queued' AND deleted_at IS NULL
        AND next_attempt_at > ?::timestamptz - make_interval(secs => ?) AND next_attempt_at <= ?::timestamptz - make_interval(secs => ?)`,
    [input.settleSeconds, input.now.toISOString(), input.settleSeconds, input.before.toISOString(), input.settleSeconds]
  )
  return row?.at ? new Date(row.at) : null
}

export type MessageOutcome = {
  id: string
  status: "queued" | "sent" | "failed" | "suppressed"
  subject?: string | null
  provider_id?: string | null
  provider_message_id?: string | null
  notification_id?: string | null
  error?: string | null
  next_attempt_at?: string | null
  at: string
}

/** Records what each attempt came to and releases the lease. */
export async function recordOutcomes(em: SqlRunner, outcomes: MessageOutcome[]): Promise<MessageRow[]> {
  if (!outcomes.length) return []
  return await em.execute(
    `UPDATE marketing_message m SET
        status = o.status,
        subject = COALESCE(o.subject, m.subject),
        provider_id = COALESCE(o.provider_id, m.provider_id),
        provider_message_id = COALESCE(o.provider_message_id, m.provider_message_id),
        notification_id = COALESCE(o.notification_id, m.notification_id),
        error = o.error,
        next_attempt_at = COALESCE(o.next_attempt_at, m.next_attempt_at),
        sent_at = CASE WHEN o.status = 'sent' THEN o.at ELSE m.sent_at END,
        failed_at = CASE WHEN o.status IN ('failed', 'suppressed') THEN o.at ELSE m.failed_at END,
        locked_until = NULL,
        updated_at = now()
       FROM jsonb_to_recordset(?::jsonb) AS o(id text, status text, subject text, provider_id text,
            provider_message_id text, notification_id text, error text, next_attempt_at timestamptz, at timestamptz)
      WHERE m.id = o.id AND m.status = 'queued'
     RETURNING ${MESSAGE_COLUMNS.split(",").map((c) => `m.${c.trim()}`).join(", ")}`,
    [JSON.stringify(outcomes)]
  )
}

/**
 * For each contact id, the live contact it became: itself, or the contact it
 * was merged into (following the chain). Merged and erased ids without a live
 * end are left out.
 */
export async function liveContactIds(em: SqlRunner, ids: string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map()
  const rows: { origin: string; id: string }[] = await em.execute(
    `WITH RECURSIVE chain AS (
       SELECT id AS origin, id, merged_into_id, 0 AS depth FROM marketing_contact
        WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb))
       UNION ALL
       SELECT chain.origin, c.id, c.merged_into_id, chain.depth + 1 FROM marketing_contact c
         JOIN chain ON c.id = chain.merged_into_id WHERE chain.depth < 20)
     SELECT DISTINCT ON (chain.origin) chain.origin, c.id
       FROM chain JOIN marketing_contact c ON c.id = chain.id AND c.deleted_at IS NULL
      ORDER BY chain.origin, chain.depth DESC`,
    [JSON.stringify(ids)]
  )
  return new Map(rows.map((row) => [row.origin, row.id]))
}

export type DeliveryFactsRow = {
  id: string
  email: string | null
  customer_id: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  locale: string | null
  timezone: string | null
  country_code: string | null
  city: string | null
  company: string | null
  industry: string | null
  job_title: string | null
  lifecycle_stage: string | null
  acquisition_score: number | null
  loyalty_score: number | null
  email_marketing_consent: string
  email_topics_opted_out: string[] | null
  email_paused_until: Date | null
  merged_into_id: string | null
  /** The prediction fields of the contact's main currency, for templates. */
  predictions: Record<PredictionField, unknown>
}

/** The contacts and the suppressions the dispatcher checks before sending. */
export async function loadDeliveryFacts(
  em: SqlRunner,
  contactIds: string[],
  emails: string[],
  secret: string
): Promise<{ contacts: Map<string, DeliveryFactsRow>; suppressions: Map<string, string> }> {
  const contacts = new Map<string, DeliveryFactsRow>()
  // Keyed by the id the message was queued for, valued by the live contact (after merges).
  const live = await liveContactIds(em, contactIds)
  if (live.size) {
    const rows: Omit<DeliveryFactsRow, "predictions">[] = await em.execute(
      `SELECT id, email, customer_id, first_name, last_name, phone, locale, timezone, country_code, city,
              company, industry, job_title,
              lifecycle_stage, acquisition_score, loyalty_score, email_marketing_consent, email_topics_opted_out,
              email_paused_until, merged_into_id
         FROM marketing_contact WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb)) AND deleted_at IS NULL`,
      [JSON.stringify([...new Set(live.values())])]
    )
    const predictions = await loadPredictionValues(em, rows.map((row) => row.id))
    const byId = new Map(rows.map((row) => [row.id, { ...row, predictions: predictions.get(row.id)! }]))
    for (const [origin, id] of live) if (byId.has(id)) contacts.set(origin, byId.get(id)!)
  }
  const suppressions = new Map<string, string>()
  const hashes = [...new Set(emails.map((email) => suppressionHash(email, secret)))]
  if (hashes.length) {
    const rows: { email_hash: string; reason: string }[] = await em.execute(
      `SELECT email_hash, reason FROM marketing_suppression WHERE email_hash IN (SELECT jsonb_array_elements_text(?::jsonb)) AND deleted_at IS NULL`,
      [JSON.stringify(hashes)]
    )
    const byHash = new Map(rows.map((row) => [row.email_hash, row.reason]))
    for (const email of emails) {
      const reason = byHash.get(suppressionHash(email, secret))
      if (reason) suppressions.set(normalizeEmail(email), reason)
    }
  }
  return { contacts, suppressions }
}

export type SuppressionInput = {
  email: string
  reason: "unsubscribed" | "hard_bounce" | "complaint" | "erased" | "manual"
  source?: string | null
  detail?: string | null
  contact_id?: string | null
  message_id?: string | null
}

/** Stronger reasons replace weaker ones: a complaint after an unsubscribe stays a complaint. */
const REASON_RANK: Record<string, number> = { unsubscribed: 1, manual: 2, erased: 3, complaint: 4, hard_bounce: 5 }

export async function addSuppressions(em: SqlRunner, inputs: SuppressionInput[], secret: string): Promise<void> {
  if (!inputs.length) return
  const rows = inputs.map((input) => ({
    id: newId("msup"),
    email_hash: suppressionHash(input.email, secret),
    reason: input.reason,
    rank: REASON_RANK[input.reason],
    source: input.source ?? null,
    detail: input.detail ? input.detail.slice(0, 500) : null,
    contact_id: input.contact_id ?? null,
    message_id: input.message_id ?? null,
  }))
  await em.execute(
    `INSERT INTO marketing_suppression (id, email_hash, reason, source, detail, contact_id, message_id)
     SELECT DISTINCT ON (r.email_hash) r.id, r.email_hash, r.reason, r.source, r.detail, r.contact_id, r.message_id
       FROM jsonb_to_recordset(?::jsonb) AS r(id text, email_hash text, reason text, rank int, source text,
            detail text, contact_id text, message_id text)
      ORDER BY r.email_hash, r.rank DESC
     ON CONFLICT (email_hash) WHERE deleted_at IS NULL DO UPDATE SET
       reason = EXCLUDED.reason, source = EXCLUDED.source, detail = EXCLUDED.detail,
       contact_id = COALESCE(EXCLUDED.contact_id, marketing_suppression.contact_id),
       message_id = COALESCE(EXCLUDED.message_id, marketing_suppression.message_id), updated_at = now()
     WHERE (CASE marketing_suppression.reason ${Object.entries(REASON_RANK)
       .map(([reason, rank]) => `WHEN '${reason}' THEN ${rank}`)
       .join(" ")} ELSE 0 END) < (CASE EXCLUDED.reason ${Object.entries(REASON_RANK)
       .map(([reason, rank]) => `WHEN '${reason}' THEN ${rank}`)
       .join(" ")} ELSE 0 END)`,
    [JSON.stringify(rows)]
  )
}

/** Grants proven to come from the address's owner: a link that arrived in their mailbox. */
const VERIFIED_SOURCES = ["preferences", "double_opt_in"]

/**
 * Lifts what a new grant of consent overrides. A grant the address's owner
 * verifiably made lifts an unsubscribe and an erasure; an admin recording
 * consent (given by phone, on paper) lifts an unsubscribe; an import or a
 * storefront form (anyone can type any address) lifts nothing. Bounces and
 * complaints stay.
 */
export async function liftUnsubscribe(em: SqlRunner, email: string, secret: string, source: string): Promise<void> {
  const reasons = VERIFIED_SOURCES.includes(source) ? ["unsubscribed", "erased"] : source === "admin" ? ["unsubscribed"] : []
  if (!reasons.length) return
  await em.execute(
    `DELETE FROM marketing_suppression WHERE email_hash = ? AND reason IN (SELECT jsonb_array_elements_text(?::jsonb))`,
    [suppressionHash(email, secret), JSON.stringify(reasons)]
  )
}

export type ConsentChange = {
  contact_id: string
  status: "pending" | "granted" | "denied"
  source: string
  ip_address?: string | null
  user_agent?: string | null
  message_id?: string | null
  /** The source in its own words: a form's name and the consent text it showed. */
  detail?: string | null
  at: string
}

/**
 * Sets a contact's email consent and records the proof. Denial through an
 * unsubscribe also suppresses the address; a new grant lifts that.
 * Returns the contact's previous status and email, or null when it does not exist.
 */
export async function changeEmailConsent(
  em: SqlRunner,
  change: ConsentChange,
  secret: string
): Promise<{ contact_id: string; previous: string; email: string | null } | null> {
  const liveId = (await liveContactIds(em, [change.contact_id])).get(change.contact_id)
  if (!liveId) return null
  change = { ...change, contact_id: liveId }
  const [before]: { email_marketing_consent: string; email: string | null }[] = await em.execute(
    `SELECT email_marketing_consent, email FROM marketing_contact WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
    [change.contact_id]
  )
  if (!before) return null
  await em.execute(
    `UPDATE marketing_contact SET email_marketing_consent = ?, email_marketing_consent_source = ?,
            email_marketing_consent_at = ?::timestamptz, updated_at = now()
      WHERE id = ?`,
    [change.status, change.source, change.at, change.contact_id]
  )
  await em.execute(
    `INSERT INTO marketing_consent_record (id, contact_id, channel, status, source, ip_address, user_agent, message_id, detail, occurred_at)
     VALUES (?, ?, 'email_marketing', ?, ?, ?, ?, ?, ?, ?::timestamptz)`,
    [
      newId("mcr"),
      change.contact_id,
      change.status,
      change.source,
      change.ip_address ?? null,
      change.user_agent ? change.user_agent.slice(0, 500) : null,
      change.message_id ?? null,
      change.detail ?? null,
      change.at,
    ]
  )
  if (change.status === "denied" && change.message_id) await markUnsubscribed(em, change.message_id, change.at)
  if (before.email) {
    if (change.status === "denied") {
      await addSuppressions(
        em,
        [{ email: before.email, reason: "unsubscribed", source: change.source, contact_id: change.contact_id, message_id: change.message_id }],
        secret
      )
    } else if (change.status === "granted") {
      await liftUnsubscribe(em, before.email, secret, change.source)
    }
  }
  return { contact_id: change.contact_id, previous: before.email_marketing_consent, email: before.email }
}

/** The contact unsubscribed through this message (its link, List-Unsubscribe, a provider's feedback): the first time counts. */
export async function markUnsubscribed(em: SqlRunner, messageId: string, at: string): Promise<void> {
  await em.execute(
    `UPDATE marketing_message SET unsubscribed_at = COALESCE(unsubscribed_at, ?::timestamptz), updated_at = now()
      WHERE id = ? AND deleted_at IS NULL`,
    [at, messageId]
  )
}

/** Topic opt-outs and pause from the preferences page. */
export async function setEmailPreferences(
  em: SqlRunner,
  input: { contact_id: string; topics_opted_out: string[]; paused_until: string | null }
): Promise<boolean> {
  const liveId = (await liveContactIds(em, [input.contact_id])).get(input.contact_id)
  if (!liveId) return false
  input = { ...input, contact_id: liveId }
  const rows = await em.execute(
    `UPDATE marketing_contact SET email_topics_opted_out = ?::jsonb, email_paused_until = ?::timestamptz, updated_at = now()
      WHERE id = ? AND deleted_at IS NULL RETURNING id`,
    [JSON.stringify(input.topics_opted_out), input.paused_until, input.contact_id]
  )
  return rows.length > 0
}

/**
 * Counts an open or a click on its message (first human one sets
 * opened_at / clicked_at; machine ones are counted apart). Returns what the
 * caller needs for the event, or null for an unknown message.
 */
export async function recordEngagement(
  em: SqlRunner,
  input: { message_id: string; kind: "open" | "click"; machine: boolean; at: string }
): Promise<{ contact_id: string | null; sent_at: Date | null; template_id: string | null } | null> {
  const column = input.kind === "open" ? "open" : "click"
  const counter = input.machine ? `machine_${column}_count` : `${column}_count`
  const first = input.kind === "open" ? "opened_at" : "clicked_at"
  const rows = await em.execute(
    `UPDATE marketing_message SET ${counter} = ${counter} + 1,
            ${first} = CASE WHEN ? THEN ${first} ELSE COALESCE(${first}, ?::timestamptz) END, updated_at = now()
      WHERE id = ? AND deleted_at IS NULL
      RETURNING contact_id, sent_at, template_id`,
    [input.machine, input.at, input.message_id]
  )
  return rows[0] ?? null
}

/** When a message was sent (for the machine-open heuristics), or undefined when unknown. */
export async function messageSentAt(em: SqlRunner, messageId: string): Promise<{ sent_at: Date | null } | undefined> {
  const rows = await em.execute(`SELECT sent_at FROM marketing_message WHERE id = ? AND deleted_at IS NULL`, [messageId])
  return rows[0]
}

/**
 * Applies delivery feedback from a provider (see webhooks/): marks the
 * message bounced, complained or failed, suppresses the address for hard
 * bounces and complaints, and turns a provider-side unsubscribe into a
 * consent withdrawal. Returns what it found, for the contacts' events.
 */
export async function applyDeliveryEvents(
  em: SqlRunner,
  events: DeliveryFeedback[],
  secret: string,
  source: string
): Promise<{ message_id: string | null; contact_id: string | null; kind: string; permanent: boolean }[]> {
  const applied: { message_id: string | null; contact_id: string | null; kind: string; permanent: boolean }[] = []
  const suppressions: SuppressionInput[] = []
  for (const event of events) {
    if (event.kind === "delivered" || event.kind === "deferred") continue
    const rows: { id: string; contact_id: string | null }[] =
      event.message_id || event.provider_message_id
        ? await em.execute(
            `SELECT id, contact_id FROM marketing_message
              WHERE deleted_at IS NULL AND (id = ? OR provider_message_id = ? OR provider_message_id = split_part(?, '.', 1))
              LIMIT 1`,
            [event.message_id ?? "", event.provider_message_id ?? "", event.provider_message_id ?? ""]
          )
        : []
    const message = rows[0]
    let contactId = message?.contact_id ?? null
    if (!contactId) {
      const [contact]: { id: string }[] = await em.execute(
        `SELECT id FROM marketing_contact WHERE email = ? AND deleted_at IS NULL LIMIT 1`,
        [normalizeEmail(event.email)]
      )
      contactId = contact?.id ?? null
    }
    if (message && event.kind === "bounced" && !event.permanent) {
      // A soft bounce (deferred, blocked this time) does not undo a delivery: note it only.
      await em.execute(
        `UPDATE marketing_message SET error = ?, soft_bounced_at = COALESCE(soft_bounced_at, ?::timestamptz), updated_at = now() WHERE id = ?`,
        [event.reason ? event.reason.slice(0, 1000) : "soft bounce", event.at, message.id]
      )
    } else if (message && event.kind !== "unsubscribed") {
      const [status, stamp] =
        event.kind === "complained" ? ["complained", "complained_at"] : event.permanent ? ["bounced", "bounced_at"] : ["failed", "failed_at"]
      await em.execute(
        `UPDATE marketing_message SET status = ?, ${stamp} = ?::timestamptz, error = COALESCE(?, error), updated_at = now()
          WHERE id = ?`,
        [status, event.at, event.reason ? event.reason.slice(0, 1000) : null, message.id]
      )
    }
    if (event.kind === "unsubscribed" && message) await markUnsubscribed(em, message.id, event.at)
    if (event.kind === "unsubscribed" && contactId) {
      await changeEmailConsent(
        em,
        { contact_id: contactId, status: "denied", source, message_id: message?.id ?? null, at: event.at },
        secret
      )
    } else if (event.permanent) {
      suppressions.push({
        email: event.email,
        reason: event.kind === "complained" ? "complaint" : event.kind === "unsubscribed" ? "unsubscribed" : "hard_bounce",
        source,
        detail: event.reason ?? null,
        contact_id: contactId,
        message_id: message?.id ?? null,
      })
    }
    applied.push({ message_id: message?.id ?? null, contact_id: contactId, kind: event.kind, permanent: event.permanent })
  }
  await addSuppressions(em, suppressions, secret)
  return applied
}
