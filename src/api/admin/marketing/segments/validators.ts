import { z } from "@medusajs/framework/zod"
import {
  COUNT_OPERATORS,
  LEAF_KINDS,
  MAX_DEPTH,
  MAX_LEAVES,
  MAX_WINDOW_DAYS,
  PURCHASE_METRICS,
  PURCHASE_OPERATORS,
  builtInSegments,
  validateSegmentDefinition,
} from "../../../../modules/marketing/segments"
import { component } from "../../../utils/openapi"
import { descriptionField, listParams, nameField } from "../../../utils/validators"

/** "and[1].event.where" → ["and", 1, "event", "where"], so the 400 prints the same path. */
function pathKeys(path: string): (string | number)[] {
  const keys: (string | number)[] = []
  for (const part of path.split(".").filter(Boolean)) {
    const [name, ...indexes] = part.split("[")
    if (name) keys.push(name)
    for (const i of indexes) keys.push(Number(i.replace("]", "")))
  }
  return keys
}

const list = (values: readonly string[]) => values.map((v) => `\`${v}\``).join(", ")

/** What the API reference says a segment's condition tree is (the module's validator is the authority). */
export const CONDITION_TREE_DESCRIPTION =
  "A condition tree: plain JSON, either a group or a leaf. " +
  "A group is `{ and: [node, ...] }` or `{ or: [node, ...] }` (at least one child) or `{ not: node }`. " +
  "A field leaf tests a contact field: `{ field, operator, value }`, `value` left out for `exists` / `not_exists` and `{ days: n }` " +
  "for the relative date operators (GET /admin/marketing/segments/fields lists the fields, their types and operators). " +
  `Other leaves are keyed by their kind (${list(LEAF_KINDS)}): ` +
  "`{ event: { type, where?, count?: { operator, value }, within_days? } }` (did an event of this type, its properties matching the tree `where`, " +
  `a number of times compared with ${list(COUNT_OPERATORS)}), ` +
  `\`{ purchase: { metric, operator, value, currency_code?, product_id?, category_id?, within_days? } }\` (metric ${list(PURCHASE_METRICS)}, ` +
  `operator ${list(PURCHASE_OPERATORS)}; money metrics need a lowercase \`currency_code\`, canceled orders are left out), ` +
  "`{ segment: segment_id }` (a member of another segment, no cycles), `{ customer_group: customer_group_id }` and " +
  "`{ top_spenders: { percent } }` (the top 1 to 99% of customers by total spent). " +
  `At most ${MAX_DEPTH} levels and ${MAX_LEAVES} leaves; \`within_days\` is 1 to ${MAX_WINDOW_DAYS}. ` +
  "A bad tree is a 400 naming each bad path, e.g. `definition.and[1].event.type`."

/** A valid tree, as the module builds one (a built-in segment's), for the reference's example. */
const EXAMPLE_TREE = builtInSegments({ categories: [{ id: "pcat_shoes", name: "Shoes" }], countries: [] })[0].definition

/** The condition tree, checked by the segments module's validator; each problem keeps its path. */
export const SegmentDefinition = component(
  "SegmentConditionTree",
  z
    .unknown()
    .superRefine((tree, ctx) => {
      const result = validateSegmentDefinition(tree)
      if (!result.ok) {
        for (const e of result.errors) ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathKeys(e.path), message: e.message })
      }
    })
    .meta({ description: CONDITION_TREE_DESCRIPTION, examples: [EXAMPLE_TREE] })
)

const fields = {
  name: nameField(),
  description: descriptionField(),
  definition: SegmentDefinition,
  mirror_to_customer_group: z
    .boolean()
    .optional()
    .meta({ description: "Keep the members who are customers in a Medusa customer group of the segment's name (for promotions and price lists)." }),
}

export const AdminCreateSegment = z.object(fields).strict()
export type AdminCreateSegmentType = z.output<typeof AdminCreateSegment>

export const AdminUpdateSegment = z
  .object(fields)
  .partial()
  .strict()
  .refine((body) => !("definition" in body) || body.definition !== undefined, {
    path: ["definition"],
    message: "must be a condition tree",
  })
export type AdminUpdateSegmentType = z.output<typeof AdminUpdateSegment>

export const AdminPreviewSegment = z.object({ definition: SegmentDefinition }).strict()
export type AdminPreviewSegmentType = z.output<typeof AdminPreviewSegment>

export const AdminAddBuiltInSegment = z
  .object({
    key: z.string().min(1).max(200).meta({ description: "A key from GET /admin/marketing/segments/built-ins, e.g. `device:mobile`." }),
    mirror_to_customer_group: z.boolean().optional().meta({ description: "As on a segment; off by default." }),
  })
  .strict()
export type AdminAddBuiltInSegmentType = z.output<typeof AdminAddBuiltInSegment>

const page = listParams({ max: 200, defaultLimit: 20 })
export const AdminListSegments = z.object({ ...page, q: z.string().max(200).optional() }).strict()
export type AdminListSegmentsType = z.output<typeof AdminListSegments>
export const AdminListSegmentMembers = z.object(page).strict()
export type AdminListSegmentMembersType = z.output<typeof AdminListSegmentMembers>
