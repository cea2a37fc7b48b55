import { model } from "@medusajs/framework/utils"

/**
 * One stay of a contact in a segment: open while `exited_at` is null. A
 * contact who leaves and comes back gets a new row, so the history (and the
 * 30-day trend) is kept.
 */
export const SegmentMembership = model
  .define({ name: "SegmentMembership", tableName: "marketing_segment_membership" }, {
    id: model.id({ prefix: "msmem" }).primaryKey(),
    segment_id: model.text(),
    contact_id: model.text(),
    entered_at: model.dateTime(),
    exited_at: model.dateTime().nullable(),
  })
  .indexes([
    // At most one open stay per contact and segment; entering is ON CONFLICT DO NOTHING.
    { on: ["segment_id", "contact_id"], unique: true, where: "exited_at IS NULL AND deleted_at IS NULL" },
    // Every stay, open or not: erasure deletes a contact's whole history.
    { on: ["contact_id"], where: null },
    { on: ["segment_id", "entered_at"] },
    { on: ["segment_id", "exited_at"], where: "exited_at IS NOT NULL" },
  ])
