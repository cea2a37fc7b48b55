import { liveContactIds } from "../email/queue"
import { id } from "../scoring/store"
import type { SqlRunner } from "../sql-runner"
import { rawAmount } from "../raw-amount"

/**
 * Attribution: an order (or a booked appointment) credited to the last
 * marketing message the contact clicked within the click window, else the
 * last one opened within the open window. One row per order or event
 * (unique indexes), so a redelivered `order.placed` writes nothing.
 */

export type AttributionWindows = { click_window_days: number; open_window_days: number }

/** Who the order belongs to: every identifier the plugin's order events resolve a contact through. */
export type ConversionOwner = {
  contact_ids?: string[]
  customer_id?: string | null
  email?: string | null
  cart_id?: string | null
  /** The idempotency key of the marketing event recorded for it (`order.placed:<id>`), when there is one. */
  event_key?: string | null
}

export type OrderConversion = ConversionOwner & {
  order_id: string
  amount: number
  currency_code: string
  discount_amount: number
  first_order: boolean
  ordered_at: string
  /** Already canceled when read: the row is written withdrawn. */
  canceled_at?: string | null
}

export type AttributionRow = {
  id: string
  kind: "order" | "appointment"
  order_id: string | null
  event_id: string | null
  contact_id: string
  message_id: string
  flow_id: string | null
  flow_version_id: string | null
  step_id: string | null
  variant: string | null
  touch: "click" | "open"
  touched_at: Date
  ordered_at: Date
}

type Touch = {
  message_id: string
  contact_id: string
  flow_id: string | null
  flow_version_id: string | null
  step_id: string | null
  variant: string | null
  touch: "click" | "open"
  touched_at: string
}

/**
 * The contacts an order's identifiers name (its recorded event's contact, the
 * customer's, the email's, the cart's), each followed to the live contact it
 * became, plus every contact merged into those: messages keep the contact
 * they were sent to. Keyed by contact id, valued by its live contact.
 */
export async function ownerContacts(em: SqlRunner, owner: ConversionOwner): Promise<Map<string, string>> {
  const seeds: { id: string }[] = await em.execute(
    `SELECT id FROM marketing_contact WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb))
     UNION SELECT contact_id FROM marketing_event WHERE idempotency_key = ? AND contact_id IS NOT NULL
     UNION SELECT id FROM marketing_contact WHERE customer_id = ? AND deleted_at IS NULL
     UNION SELECT id FROM marketing_contact WHERE lower(email) = lower(?) AND deleted_at IS NULL
     UNION SELECT contact_id FROM marketing_event WHERE cart_id = ? AND contact_id IS NOT NULL AND deleted_at IS NULL`,
    [JSON.stringify(owner.contact_ids ?? []), owner.event_key ?? "", owner.customer_id ?? "", owner.email ?? "", owner.cart_id ?? ""]
  )
  const live = await liveContactIds(em, seeds.map((s) => s.id).filter(Boolean))
  const roots = [...new Set(live.values())]
  if (!roots.length) return new Map()
  const tree: { id: string; root: string }[] = await em.execute(
    `WITH RECURSIVE tree AS (
       SELECT id, id AS root, 0 AS depth FROM marketing_contact WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb))
       UNION ALL
       SELECT c.id, tree.root, tree.depth + 1 FROM marketing_contact c JOIN tree ON c.merged_into_id = tree.id WHERE tree.depth < 20)
     SELECT DISTINCT id, root FROM tree`,
    [JSON.stringify(roots)]
  )
  return new Map(tree.map((row) => [row.id, row.root]))
}

/** The last human click within the click window before `at`, else the last human open within the open window. */
export async function lastTouch(em: SqlRunner, contactIds: string[], at: string, windows: AttributionWindows): Promise<Touch | null> {
  if (!contactIds.length) return null
  const pick = (column: string, touch: string, rank: number) =>
    `(SELECT id AS message_id, contact_id, flow_id, flow_version_id, step_id, variant, '${touch}' AS touch, ${column} AS touched_at, ${rank} AS rank
        FROM marketing_message
       WHERE contact_id IN (SELECT jsonb_array_elements_text(?::jsonb)) AND kind = 'marketing' AND deleted_at IS NULL
         AND ${column} >= ?::timestamptz - make_interval(secs => ?) AND ${column} <= ?::timestamptz
       ORDER BY ${column} DESC, id DESC LIMIT 1)`
  const ids = JSON.stringify(contactIds)
  const rows: Touch[] = await em.execute(
    `SELECT * FROM (${pick("clicked_at", "click", 0)} UNION ALL ${pick("opened_at", "open", 1)}) t ORDER BY rank LIMIT 1`,
    [ids, at, windows.click_window_days * 86400, at, ids, at, windows.open_window_days * 86400, at]
  )
  const row = rows[0]
  return row ? { ...row, touched_at: new Date(row.touched_at).toISOString() } : null
}

const RETURNING = `id, kind, order_id, event_id, contact_id, message_id, flow_id, flow_version_id, step_id, variant, touch, touched_at, ordered_at`

/**
 * Credits an order to its last touch. Returns the row this call created, or
 * null: no touch in the windows, or the order was credited before.
 */
export async function attributeOrder(em: SqlRunner, order: OrderConversion, windows: AttributionWindows): Promise<AttributionRow | null> {
  const contacts = await ownerContacts(em, order)
  const touch = await lastTouch(em, [...contacts.keys()], order.ordered_at, windows)
  if (!touch) return null
  const rows: AttributionRow[] = await em.execute(
    `INSERT INTO marketing_attribution (id, kind, order_id, contact_id, message_id, flow_id, flow_version_id, step_id, variant,
        touch, touched_at, amount, raw_amount, currency_code, discount_amount, raw_discount_amount, first_order, ordered_at, withdrawn_at)
     VALUES (?, 'order', ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?, ?::jsonb, ?, ?, ?::jsonb, ?, ?::timestamptz, ?::timestamptz)
     ON CONFLICT (order_id) WHERE order_id IS NOT NULL AND deleted_at IS NULL DO NOTHING
     RETURNING ${RETURNING}`,
    [
      id("matr"), order.order_id, contacts.get(touch.contact_id) ?? touch.contact_id, touch.message_id, touch.flow_id,
      touch.flow_version_id, touch.step_id, touch.variant, touch.touch, touch.touched_at, order.amount, rawAmount(order.amount),
      order.currency_code.toLowerCase(), order.discount_amount, rawAmount(order.discount_amount), order.first_order, order.ordered_at,
      order.canceled_at ?? null,
    ]
  )
  return rows[0] ?? null
}

/** A canceled order's attribution leaves the reports (the row stays, withdrawn). Returns the rows it withdrew. */
export async function withdrawOrderAttribution(em: SqlRunner, orderId: string, at: string): Promise<string[]> {
  const rows: { id: string }[] = await em.execute(
    `UPDATE marketing_attribution SET withdrawn_at = ?::timestamptz, updated_at = now()
      WHERE order_id = ? AND withdrawn_at IS NULL AND deleted_at IS NULL RETURNING id`,
    [at, orderId]
  )
  return rows.map((r) => r.id)
}

/** Undoes a withdrawal (a compensation). */
export async function restoreAttributions(em: SqlRunner, ids: string[]): Promise<void> {
  if (!ids.length) return
  await em.execute(
    `UPDATE marketing_attribution SET withdrawn_at = NULL, updated_at = now() WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb))`,
    [JSON.stringify(ids)]
  )
}

/** Removes rows a step created (a compensation). */
export async function deleteAttributions(em: SqlRunner, ids: string[]): Promise<void> {
  if (!ids.length) return
  await em.execute(`DELETE FROM marketing_attribution WHERE id IN (SELECT jsonb_array_elements_text(?::jsonb))`, [JSON.stringify(ids)])
}

/** Appointments not yet credited are looked at this far back (a redelivered announcement finds them all). */
const APPOINTMENT_LOOKBACK_DAYS = 30

/**
 * Credits a contact's `appointment_booked` events not yet credited (the
 * contact and those merged into it), each to its last touch before it was
 * booked. Returns the rows created.
 */
export async function attributeAppointments(
  em: SqlRunner,
  input: { contact_id: string; now: Date },
  windows: AttributionWindows
): Promise<AttributionRow[]> {
  const contacts = await ownerContacts(em, { contact_ids: [input.contact_id] })
  if (!contacts.size) return []
  const events: { id: string; contact_id: string; occurred_at: Date }[] = await em.execute(
    `SELECT e.id, e.contact_id, e.occurred_at FROM marketing_event e
      WHERE e.contact_id IN (SELECT jsonb_array_elements_text(?::jsonb)) AND e.type = 'appointment_booked' AND e.deleted_at IS NULL
        AND e.occurred_at >= ?::timestamptz - make_interval(days => ?)
        AND NOT EXISTS (SELECT 1 FROM marketing_attribution a WHERE a.event_id = e.id AND a.deleted_at IS NULL)
      ORDER BY e.occurred_at`,
    [JSON.stringify([...contacts.keys()]), input.now.toISOString(), APPOINTMENT_LOOKBACK_DAYS]
  )
  const created: AttributionRow[] = []
  for (const event of events) {
    const at = new Date(event.occurred_at).toISOString()
    const touch = await lastTouch(em, [...contacts.keys()], at, windows)
    if (!touch) continue
    const rows: AttributionRow[] = await em.execute(
      `INSERT INTO marketing_attribution (id, kind, event_id, contact_id, message_id, flow_id, flow_version_id, step_id, variant,
          touch, touched_at, ordered_at)
       VALUES (?, 'appointment', ?, ?, ?, ?, ?, ?, ?, ?, ?::timestamptz, ?::timestamptz)
       ON CONFLICT (event_id) WHERE event_id IS NOT NULL AND deleted_at IS NULL DO NOTHING
       RETURNING ${RETURNING}`,
      [
        id("matr"), event.id, contacts.get(event.contact_id) ?? event.contact_id, touch.message_id, touch.flow_id,
        touch.flow_version_id, touch.step_id, touch.variant, touch.touch, touch.touched_at, at,
      ]
    )
    if (rows[0]) created.push(rows[0])
  }
  return created
}
