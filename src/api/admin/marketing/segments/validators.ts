import { z } from "@medusajs/framework/zod"
import { validateSegmentDefinition } from "../../../../modules/marketing/segments"
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

/** The condition tree, checked by the segments module's validator; each problem keeps its path. */
export const SegmentDefinition = z.unknown().superRefine((tree, ctx) => {
  const result = validateSegmentDefinition(tree)
  if (!result.ok) {
    for (const e of result.errors) ctx.addIssue({ code: z.ZodIssueCode.custom, path: pathKeys(e.path), message: e.message })
  }
})

const fields = {
  name: nameField(),
  description: descriptionField(),
  definition: SegmentDefinition,
  mirror_to_customer_group: z.boolean().optional(),
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
  .object({ key: z.string().min(1).max(200), mirror_to_customer_group: z.boolean().optional() })
  .strict()
export type AdminAddBuiltInSegmentType = z.output<typeof AdminAddBuiltInSegment>

const page = listParams({ max: 200, defaultLimit: 20 })
export const AdminListSegments = z.object({ ...page, q: z.string().max(200).optional() }).strict()
export type AdminListSegmentsType = z.output<typeof AdminListSegments>
export const AdminListSegmentMembers = z.object(page).strict()
export type AdminListSegmentMembersType = z.output<typeof AdminListSegmentMembers>
