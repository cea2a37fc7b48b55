import { model } from "@medusajs/framework/utils"

export const MESSAGE_STATUSES = ["queued", "sent", "failed", "bounced", "complained", "suppressed"] as const
export type MessageStatus = (typeof MESSAGE_STATUSES)[number]

/**
 * "marketing" email is checked against consent, suppressions, topics and
 * pauses before every attempt. "transactional" (double opt-in confirmations,
 * test sends, team notifications) skips consent, never the hard suppressions.
 */
export const MESSAGE_KINDS = ["marketing", "transactional"] as const
export type MessageKind = (typeof MESSAGE_KINDS)[number]

/**
 * One email to one address. Created `queued`; the dispatcher renders it,
 * hands it to the Notification Module and records the outcome. Transient
 * failures wait for `next_attempt_at`; the idempotency key makes a repeated
 * enqueue return the same row, so a retried step never sends twice.
 */
export const Message = model
  .define({ name: "Message", tableName: "marketing_message" }, {
    id: model.id({ prefix: "mmsg" }).primaryKey(),
    contact_id: model.text().nullable(),
    template_id: model.text().nullable(),
    kind: model.enum([...MESSAGE_KINDS]).default("marketing"),
    /** Preference topic: contacts who opted out of it are not sent this message. */
    topic: model.text().nullable(),
    email: model.text(),
    subject: model.text().nullable(),
    status: model.enum([...MESSAGE_STATUSES]).default("queued"),
    idempotency_key: model.text(),
    /** What to render with: cart_id, order_id, products, data. */
    context: model.json().nullable(),
    provider_id: model.text().nullable(),
    provider_message_id: model.text().nullable(),
    notification_id: model.text().nullable(),
    error: model.text().nullable(),
    attempts: model.number().default(0),
    next_attempt_at: model.dateTime().nullable(),
    /** A dispatcher holds the message until then; another one may take it after. */
    locked_until: model.dateTime().nullable(),
    queued_at: model.dateTime(),
    sent_at: model.dateTime().nullable(),
    failed_at: model.dateTime().nullable(),
    bounced_at: model.dateTime().nullable(),
    complained_at: model.dateTime().nullable(),
    opened_at: model.dateTime().nullable(),
    clicked_at: model.dateTime().nullable(),
    open_count: model.number().default(0),
    click_count: model.number().default(0),
    /** Opens and clicks by proxies and scanners: stored, not counted as engagement. */
    machine_open_count: model.number().default(0),
    machine_click_count: model.number().default(0),
    /** A soft bounce (deferred, blocked this time): noted, not a failed delivery. */
    soft_bounced_at: model.dateTime().nullable(),
    /** The contact unsubscribed through this message (its link or List-Unsubscribe). */
    unsubscribed_at: model.dateTime().nullable(),
    /** The flow send step that wrote this message (null for other email), for per-flow, step and variant reports. */
    flow_id: model.text().nullable(),
    flow_version_id: model.text().nullable(),
    step_id: model.text().nullable(),
    variant: model.text().nullable(),
  })
  .indexes([
    { on: ["idempotency_key"], unique: true, where: "deleted_at IS NULL" },
    { on: ["status", "next_attempt_at"], where: "status = 'queued' AND deleted_at IS NULL" },
    // Not partial: export and erasure find a contact's messages without a deleted_at filter.
    { on: ["contact_id", "queued_at"], where: null },
    { on: ["template_id", "queued_at"] },
    { on: ["flow_id", "queued_at"], where: "flow_id IS NOT NULL AND deleted_at IS NULL" },
    { on: ["queued_at"], where: "deleted_at IS NULL" },
    { on: ["provider_message_id"], where: "provider_message_id IS NOT NULL AND deleted_at IS NULL" },
  ])
