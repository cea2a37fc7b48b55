import { model } from "@medusajs/framework/utils"

/**
 * A dynamic segment: a condition tree over contacts, their events and
 * purchases. Membership is kept current by the incremental path, the
 * time-window job and full builds; `member_count` is what the last of them left.
 */
export const Segment = model
  .define({ name: "Segment", tableName: "marketing_segment" }, {
    id: model.id({ prefix: "mseg" }).primaryKey(),
    name: model.text(),
    description: model.text().nullable(),
    definition: model.json(),
    /** What the definition reads (fields, event types, segments…), so changes re-evaluate only segments they can affect. */
    dependencies: model.json().nullable(),
    /** The ready-made segment this one was added from. */
    built_in_key: model.text().nullable(),
    mirror_to_customer_group: model.boolean().default(false),
    customer_group_id: model.text().nullable(),
    member_count: model.number().default(0),
    built_at: model.dateTime().nullable(),
    /** The clock of the last time-window pass: edges between it and now are re-evaluated. */
    time_evaluated_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["built_in_key"], unique: true, where: "built_in_key IS NOT NULL AND deleted_at IS NULL" },
  ])
