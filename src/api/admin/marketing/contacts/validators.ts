import { z } from "@medusajs/framework/zod"
import { ENROLLMENT_STATUSES } from "../../../../modules/marketing/flows/types"
import { LIFECYCLE_STAGES } from "../../../../modules/marketing/models/lifecycle-stage-change"
import { RFM_GROUPS } from "../../../../modules/marketing/scoring/rfm"
import { listParams } from "../../../utils/validators"

const pagination = listParams({ max: 100, defaultLimit: 20 })

const booleanString = z.enum(["true", "false"]).transform((v) => v === "true")

export const CONTACT_ORDER_FIELDS = [
  "last_seen_at",
  "first_seen_at",
  "email",
  "created_at",
  "acquisition_score",
  "loyalty_score",
] as const

export const AdminListContacts = z
  .object({
    ...pagination,
    order: z
      .enum(CONTACT_ORDER_FIELDS.flatMap((f) => [f, `-${f}`]) as [string, ...string[]])
      .default("-last_seen_at")
      .meta({ description: "The field to sort by; a leading `-` sorts descending." }),
    q: z
      .string()
      .trim()
      .min(1)
      .max(320)
      .optional()
      .meta({ description: "Part of an email (any case), or exactly a visitor's anonymous id, a customer id or a cart id." }),
    customer_id: z.string().min(1).optional(),
    /** Contacts owned by this admin user (a flow's `assign_owner` step sets the owner). */
    owner_user_id: z.string().min(1).max(100).optional().meta({ description: "Contacts assigned to this admin user." }),
    country_code: z.string().trim().length(2).toLowerCase().optional(),
    device_type: z.enum(["desktop", "mobile", "tablet", "other"]).optional(),
    source: z.string().trim().min(1).max(128).toLowerCase().optional().meta({ description: "The first or last UTM source, any case." }),
    known: booleanString.optional().meta({ description: "`true`: contacts with an email or a customer; `false`: anonymous ones." }),
    last_seen_after: z.iso.datetime({ offset: true }).optional(),
    last_seen_before: z.iso.datetime({ offset: true }).optional(),
    lifecycle_stage: z.enum(LIFECYCLE_STAGES).optional(),
    rfm_group: z.enum(RFM_GROUPS).optional(),
    min_acquisition_score: z.coerce.number().int().optional(),
    max_acquisition_score: z.coerce.number().int().optional(),
    min_loyalty_score: z.coerce.number().int().optional(),
  })
  .strict()

export type AdminListContactsType = z.output<typeof AdminListContacts>

export const AdminListContactEvents = z
  .object({
    ...pagination,
    type: z.string().min(1).max(80).optional().meta({ description: "Only events of this type." }),
  })
  .strict()

export type AdminListContactEventsType = z.output<typeof AdminListContactEvents>

export const AdminScoreHistory = z
  .object({
    ...pagination,
    score: z.enum(["acquisition", "loyalty"]).optional().meta({ description: "Only the entries of this score." }),
  })
  .strict()

export type AdminScoreHistoryType = z.output<typeof AdminScoreHistory>

export const AdminChangeEmailConsent = z
  .object({
    status: z.enum(["granted", "denied"]),
    /** Where the consent was given; "admin" when an admin records it. */
    source: z
      .enum(["admin", "import", "checkout", "newsletter_form"])
      .default("admin")
      .meta({ description: "Where the consent was given or withdrawn." }),
  })
  .strict()
export type AdminChangeEmailConsentType = z.output<typeof AdminChangeEmailConsent>

/** The contact's flows: every enrollment, or those with one status (`active`: in the flow now). */
export const AdminListContactEnrollments = z
  .object({
    ...pagination,
    status: z.enum(ENROLLMENT_STATUSES).optional(),
  })
  .strict()
export type AdminListContactEnrollmentsType = z.output<typeof AdminListContactEnrollments>
