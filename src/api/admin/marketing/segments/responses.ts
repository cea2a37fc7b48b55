import { z } from "@medusajs/framework/zod"
import { OPERATORS, OPERATORS_BY_TYPE, type FieldType } from "../../../../modules/marketing/conditions"
import { SCORABLE_EVENT_TYPES } from "../../../../modules/marketing/scoring/rules"
import { LIFECYCLE_STAGES } from "../../../../modules/marketing/scoring/stages"
import {
  BUILT_IN_GROUPS,
  COUNT_OPERATORS,
  PURCHASE_METRICS,
  PURCHASE_OPERATORS,
} from "../../../../modules/marketing/segments"
import { component, deleted, nullableTimestamp, page, timestamp } from "../../../utils/openapi"
import { SegmentDefinition } from "./validators"

/** One day of a segment's member count. */
const SegmentTrendPoint = component(
  "SegmentTrendPoint",
  z.object({
    day: z.iso.date().meta({ description: "A UTC day, `YYYY-MM-DD`." }),
    count: z.number().int().meta({ description: "Members at the end of that day (today: now)." }),
  })
)

/** A segment as the list, detail and write routes answer it. */
export const Segment = component(
  "Segment",
  z
    .object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      definition: SegmentDefinition,
      built_in_key: z.string().nullable().meta({ description: "The built-in segment this one was added from, or null." }),
      mirror_to_customer_group: z.boolean().meta({ description: "Whether members who are customers are kept in a Medusa customer group." }),
      customer_group_id: z.string().nullable().meta({ description: "The mirror customer group, while `mirror_to_customer_group` is on." }),
      member_count: z.number().int().meta({ description: "Members now, as the last evaluation left it." }),
      built_at: nullableTimestamp().meta({ description: "When membership was last built over every contact." }),
      created_at: timestamp(),
      updated_at: timestamp(),
      trend: z.array(SegmentTrendPoint).meta({ description: "The member count at the end of each of the last 30 UTC days, oldest first." }),
    })
    .meta({ description: "A real-time segment: the contacts that match its condition tree, kept current as events, orders and scores change." })
)

export const SegmentResponse = z.object({ segment: Segment })

export const SegmentListResponse = z.object({ segments: z.array(Segment), ...page })

export const SegmentDeleteResponse = deleted("segment")

/** What member lists and previews show of a contact. */
const segmentContactFields = {
  id: z.string(),
  email: z.string().nullable(),
  first_name: z.string().nullable(),
  last_name: z.string().nullable(),
  customer_id: z.string().nullable().meta({ description: "The Medusa customer, when the contact is one." }),
  acquisition_score: z.number().int(),
  loyalty_score: z.number().int(),
  lifecycle_stage: z.enum(LIFECYCLE_STAGES),
  country_code: z.string().nullable(),
  last_seen_at: timestamp(),
}

export const SegmentPreviewContact = component(
  "SegmentPreviewContact",
  z
    .object(segmentContactFields)
    .meta({ description: "A contact matching a definition, as a preview shows it." })
)

export const SegmentMember = component(
  "SegmentMember",
  z
    .object({ ...segmentContactFields, entered_at: timestamp().meta({ description: "When the contact last entered the segment." }) })
    .meta({ description: "A current member of a segment." })
)

export const SegmentMemberListResponse = z.object({
  contacts: z.array(SegmentMember).meta({ description: "Most recent entries first." }),
  ...page,
})

export const SegmentPreviewResponse = z.object({
  count: z.number().int().meta({ description: "Contacts matching the definition now." }),
  contacts: z.array(SegmentPreviewContact).max(20).meta({ description: "Up to 20 of them, most recently seen first." }),
})

export const BuiltInSegment = component(
  "BuiltInSegment",
  z
    .object({
      key: z.string().meta({ description: "Stable: pass it to POST /admin/marketing/segments/built-ins." }),
      name: z.string(),
      description: z.string(),
      group: z.enum(BUILT_IN_GROUPS).meta({ description: "The heading the admin lists it under." }),
      definition: SegmentDefinition,
      added: z.boolean().meta({ description: "Whether the store already has it." }),
      segment_id: z.string().nullable().meta({ description: "The segment it was added as, or null." }),
    })
    .meta({ description: "A ready-made segment, for the store's own top-level categories and the countries of its regions and contacts." })
)

export const BuiltInSegmentListResponse = z.object({ built_ins: z.array(BuiltInSegment) })

const FIELD_TYPES = Object.keys(OPERATORS_BY_TYPE) as [FieldType, ...FieldType[]]

/** A field a condition can test. */
const SegmentConditionField = component(
  "SegmentConditionField",
  z.object({
    name: z.string().meta({ description: "The leaf's `field`: a contact field, or `properties.…` inside an event's `where`." }),
    type: z.enum(FIELD_TYPES),
    values: z.array(z.string()).optional().meta({ description: "The allowed values, for `enum` fields only." }),
    operators: z.array(z.enum(OPERATORS)).meta({ description: "The operators that apply to the field's type." }),
  })
)

export const SegmentFieldsResponse = component(
  "SegmentFieldCatalog",
  z
    .object({
      fields: z.array(SegmentConditionField).meta({ description: "Contact fields a field leaf can test." }),
      event_types: z
        .array(
          z.object({
            type: z.enum(SCORABLE_EVENT_TYPES as [string, ...string[]]),
            properties: z.array(SegmentConditionField).meta({ description: "What an event leaf's `where` can test." }),
          })
        )
        .meta({ description: "Event types an event leaf can count." }),
      purchase_metrics: z.array(z.enum(PURCHASE_METRICS)),
      purchase_operators: z.array(z.enum(PURCHASE_OPERATORS)),
      count_operators: z.array(z.enum(COUNT_OPERATORS)),
    })
    .meta({ description: "What the condition builder offers." })
)
