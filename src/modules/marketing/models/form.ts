import { model } from "@medusajs/framework/utils"
import { FORM_KINDS, FORM_POSITIONS, FORM_STATUSES } from "../forms/types"

/**
 * A signup form or pop-up the owner designs in the admin (see forms/types.ts
 * for the shape of each JSON part). Only `active` forms reach the storefront.
 */
export const Form = model
  .define({ name: "Form", tableName: "marketing_form" }, {
    id: model.id({ prefix: "mform" }).primaryKey(),
    name: model.text().searchable(),
    status: model.enum([...FORM_STATUSES]).default("draft"),
    kind: model.enum([...FORM_KINDS]),
    position: model.enum([...FORM_POSITIONS]),
    fields: model.json(),
    consent: model.json(),
    hidden_fields: model.json(),
    variants: model.json(),
    incentive: model.json().nullable(),
    targeting: model.json(),
    triggers: model.json(),
    frequency: model.json(),
  })
  .indexes([{ on: ["status"] }])
