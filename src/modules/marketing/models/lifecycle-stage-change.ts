import { model } from "@medusajs/framework/utils"
import { LIFECYCLE_STAGES } from "../scoring/stages"

// Still exported from here for the files that import it from the model.
export { LIFECYCLE_STAGES }

/** Each move of a contact from one lifecycle stage to another. */
export const LifecycleStageChange = model
  .define(
    { name: "LifecycleStageChange", tableName: "marketing_lifecycle_stage_change" },
    {
      id: model.id({ prefix: "mstage" }).primaryKey(),
      contact_id: model.text(),
      from_stage: model.enum([...LIFECYCLE_STAGES]).nullable(),
      to_stage: model.enum([...LIFECYCLE_STAGES]),
      reason: model.text(),
      changed_at: model.dateTime(),
    }
  )
  // Not partial: merges and erasure find a contact's rows without a deleted_at filter.
  .indexes([{ on: ["contact_id", "changed_at"], where: null }])
