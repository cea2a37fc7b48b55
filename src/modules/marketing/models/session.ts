import { model } from "@medusajs/framework/utils"
import { Contact } from "./contact"

/**
 * One visit of a contact to the storefront: its storefront events grouped by
 * ingest (tracking/sessions.ts). A new session starts after 30 minutes
 * without an event, with a new UTM campaign, or on a new day in the store's
 * time zone. Sessions follow their contact on merge.
 */
export const Session = model
  .define({ name: "Session", tableName: "marketing_session" }, {
    id: model.id({ prefix: "mses" }).primaryKey(),
    started_at: model.dateTime(),
    /** The session's latest event. */
    ended_at: model.dateTime(),
    /** Pages viewed (page, product and category views). */
    pages: model.number().default(0),
    /** Engaged time reported by the tracker (tab visible, shopper active), in milliseconds. */
    engaged_ms: model.number().default(0),
    landing_page: model.text().nullable(),
    /** The UTM source of the session's first event, lower-cased. */
    utm_source: model.text().nullable(),
    /** The UTM campaign the session started with: another one starts a new session. */
    utm_campaign: model.text().nullable(),
    /** The acquisition channel of the session's touch, "direct" without one. */
    channel: model.text().nullable(),
    contact: model.belongsTo(() => Contact, { mappedBy: "sessions" }),
  })
  .indexes([
    // A contact's latest session (ingest continues it) and its sessions in a window; not partial,
    // so merges and erasure (no deleted_at filter) use it too.
    { on: ["contact_id", "ended_at"], where: null },
  ])
