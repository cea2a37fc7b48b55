import { model } from "@medusajs/framework/utils"

/**
 * A manual enrollment of a whole segment at a later time. The runner job
 * enrolls the segment's members as they are at `run_at` (set-based), so the
 * schedule holds no enrollment, and blocks no contact's other entries, until then.
 */
export const FlowSchedule = model
  .define({ name: "FlowSchedule", tableName: "marketing_flow_schedule" }, {
    id: model.id({ prefix: "mfsch" }).primaryKey(),
    flow_id: model.text(),
    segment_id: model.text(),
    run_at: model.dateTime(),
    status: model.enum(["pending", "done", "canceled"]).default("pending"),
    enrolled: model.number().nullable(),
    done_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["run_at"], where: "status = 'pending' AND deleted_at IS NULL" },
    { on: ["flow_id"] },
  ])
