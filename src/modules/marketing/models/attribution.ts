import { model } from "@medusajs/framework/utils"

export const ATTRIBUTION_TOUCHES = ["click", "open"] as const
export type AttributionTouch = (typeof ATTRIBUTION_TOUCHES)[number]
/** What is credited: a placed order, or a booked appointment (the `appointment_booked` event). */
export const ATTRIBUTION_KINDS = ["order", "appointment"] as const
export type AttributionKind = (typeof ATTRIBUTION_KINDS)[number]

/**
 * One order (or booked appointment) credited to the marketing message that led to it: the last one
 * the contact clicked within the click window, else the last one opened
 * within the open window. The flow, version, step and variant are copied from
 * the message, so reports group without joins. A canceled order keeps its row
 * with `withdrawn_at` set, and reports leave it out.
 */
export const Attribution = model
  .define({ name: "Attribution", tableName: "marketing_attribution" }, {
    id: model.id({ prefix: "matr" }).primaryKey(),
    kind: model.enum([...ATTRIBUTION_KINDS]).default("order"),
    order_id: model.text().nullable(),
    /** The `appointment_booked` event, for an appointment. */
    event_id: model.text().nullable(),
    contact_id: model.text(),
    message_id: model.text(),
    flow_id: model.text().nullable(),
    flow_version_id: model.text().nullable(),
    step_id: model.text().nullable(),
    variant: model.text().nullable(),
    touch: model.enum([...ATTRIBUTION_TOUCHES]),
    /** When the contact clicked or opened the message. */
    touched_at: model.dateTime(),
    /** The order's total, in its currency (never added across currencies); null for an appointment. */
    amount: model.bigNumber().nullable(),
    currency_code: model.text().nullable(),
    /** Discounts the order used (its promotion adjustments): a cost of the flow. */
    discount_amount: model.bigNumber().default(0),
    /** The contact's first order: a new customer. */
    first_order: model.boolean().default(false),
    /** When the order was placed (or the appointment booked). */
    ordered_at: model.dateTime(),
    withdrawn_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["order_id"], unique: true, where: "order_id IS NOT NULL AND deleted_at IS NULL" },
    { on: ["event_id"], unique: true, where: "event_id IS NOT NULL AND deleted_at IS NULL" },
    { on: ["flow_id", "ordered_at"], where: "deleted_at IS NULL AND withdrawn_at IS NULL" },
    { on: ["ordered_at"], where: "deleted_at IS NULL AND withdrawn_at IS NULL" },
    { on: ["contact_id"], where: null },
    { on: ["message_id"] },
  ])
