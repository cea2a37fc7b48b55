import { model } from "@medusajs/framework/utils"
import { FLOW_STATUSES } from "../flows/types"

/**
 * A nurturing flow. `definition` is the draft being edited; publishing
 * freezes it as a new FlowVersion, and contacts enrolled in an older version
 * finish on it. `active_version_id` is what new enrolments use.
 */
export const Flow = model
  .define({ name: "Flow", tableName: "marketing_flow" }, {
    id: model.id({ prefix: "mflow" }).primaryKey(),
    name: model.text().searchable(),
    description: model.text().nullable(),
    status: model.enum([...FLOW_STATUSES]).default("draft"),
    /** The draft (a FlowDefinition). */
    definition: model.json(),
    active_version_id: model.text().nullable(),
    /** The number of the last published version (0: never published). */
    version_count: model.number().default(0),
    /** The recipe this flow was installed from. */
    recipe_key: model.text().nullable(),
    /** A fixed monthly cost of running this flow (in the report settings' currency), for cost per conversion. */
    monthly_cost: model.float().nullable(),
    published_at: model.dateTime().nullable(),
    paused_at: model.dateTime().nullable(),
    archived_at: model.dateTime().nullable(),
  })
  .indexes([{ on: ["status"] }])
