import { model } from "@medusajs/framework/utils"
import { Contact } from "./contact"

/**
 * An anonymous visitor id (the tracker's first-party cookie) and the contact
 * it belongs to. Stitching moves visitors to the known contact, so later
 * events sent with an old anonymous id land on the merged contact.
 */
export const Visitor = model
  .define({ name: "Visitor", tableName: "marketing_visitor" }, {
    id: model.id({ prefix: "mvis" }).primaryKey(),
    anonymous_id: model.text(),
    contact: model.belongsTo(() => Contact, { mappedBy: "visitors" }),
  })
  .indexes([
    { on: ["anonymous_id"], unique: true, where: "deleted_at IS NULL" },
    // Not partial: merges and erasure find a contact's visitors without a
    // deleted_at filter; with anonymous_id, the person lookup reads only the index.
    { on: ["contact_id", "anonymous_id"], where: null },
  ])
