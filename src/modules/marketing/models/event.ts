import { model } from "@medusajs/framework/utils"
import { Contact } from "./contact"

export const EVENT_SOURCES = ["storefront", "medusa", "email"] as const

/** Append-only record of one thing a contact did. */
export const Event = model
  .define({ name: "Event", tableName: "marketing_event" }, {
    id: model.id({ prefix: "mevt" }).primaryKey(),
    type: model.text(),
    properties: model.json().default({}),
    occurred_at: model.dateTime(),
    received_at: model.dateTime(),
    session_id: model.text().nullable(),
    /** The acquisition channel of a session's first event (from its UTM and referrer), null on the others. */
    channel: model.text().nullable(),
    source: model.enum([...EVENT_SOURCES]),
    idempotency_key: model.text().nullable(),
    /**
     * The Medusa cart the event is about (Medusa's cart and order events, a
     * storefront event's `properties.cart_id`). An event about a cart no known
     * visitor owns yet is kept without a contact (a "pending cart event") and
     * attached when the cart's owner becomes known (tracking/cart.ts).
     */
    cart_id: model.text().nullable(),
    contact: model.belongsTo(() => Contact, { mappedBy: "events" }).nullable(),
  })
  .indexes([
    // "events of type T for contact C in a time window"
    { on: ["contact_id", "type", "occurred_at"] },
    // Not partial (`where: null`): merges, erasure and the contact foreign key
    // look a contact's events up without a deleted_at filter, which a partial
    // index cannot serve (a full scan of the events, seconds at 10M).
    { on: ["contact_id", "occurred_at"], where: null },
    // "events of type T in the last D days", across contacts: segment builds and their window edges
    { on: ["type", "occurred_at"] },
    { on: ["idempotency_key"], unique: true, where: "idempotency_key IS NOT NULL" },
    // A cart's events: attaching pending ones, the admin's search by cart, privacy.
    { on: ["cart_id"], where: "cart_id IS NOT NULL" },
    // Pending cart events by age, for the nightly purge.
    { on: ["received_at"], where: "contact_id IS NULL" },
  ])
