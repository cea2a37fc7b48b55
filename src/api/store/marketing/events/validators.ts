import { z } from "@medusajs/framework/zod"
import { CUSTOM_EVENT_PATTERN, STOREFRONT_EVENT_TYPES } from "../../../../modules/marketing/tracking/event-types"
import { MAX_CART_ID_LENGTH, isCartId } from "../../../../modules/marketing/tracking/cart-owner"
import { MAX_ENGAGED_MS } from "../../../../modules/marketing/tracking/sessions"

export const MAX_BATCH_SIZE = 100
export const MAX_PROPERTIES_BYTES = 8 * 1024
/** The body parser's limit: a full batch is 100 events of up to 8 KB of properties each. */
export const TRACKING_BODY_LIMIT = "1mb"

const shortText = z.string().trim().max(256)

const identifyProperties = z
  .object({
    email: z.email().max(320).optional(),
    first_name: shortText.optional(),
    last_name: shortText.optional(),
    phone: z.string().trim().max(32).optional(),
    country_code: z.string().trim().length(2).optional(),
    city: shortText.optional(),
    locale: z.string().trim().max(35).optional(),
    timezone: z.string().trim().max(64).optional(),
    birth_date: z.iso.date().optional(),
    age_band: z.string().trim().max(16).optional(),
    gender: z.string().trim().max(32).optional(),
    occupation: shortText.optional(),
    company: shortText.optional(),
    industry: shortText.optional(),
    job_title: shortText.optional(),
    email_marketing_consent: z.boolean().optional(),
    consent_source: z.string().trim().max(64).optional(),
  })
  .loose()

/** A `page_engaged` report: the engaged time (visible and active) on one page since its last report. */
const engagedProperties = z
  .object({
    engaged_ms: z.number().int().min(1).max(MAX_ENGAGED_MS),
    path: z.string().max(2048).optional(),
    page_type: z.enum(["product", "category", "page"]).optional(),
    category: shortText.optional(),
    product_id: shortText.optional(),
  })
  .loose()

export const TrackedEvent = z
  .object({
    type: z
      .string()
      .refine(
        (t) => (STOREFRONT_EVENT_TYPES as readonly string[]).includes(t) || CUSTOM_EVENT_PATTERN.test(t),
        { message: `Unknown event type. Use one of ${STOREFRONT_EVENT_TYPES.join(", ")}, or custom:<name>` }
      )
      .meta({
        description: `One of ${STOREFRONT_EVENT_TYPES.map((t) => `\`${t}\``).join(", ")}, or \`custom:<name>\` (${CUSTOM_EVENT_PATTERN.source}).`,
        examples: ["product_viewed", "custom:quiz_completed"],
      }),
    anonymous_id: z
      .string()
      .min(8)
      .max(128)
      .regex(/^[A-Za-z0-9._:-]+$/, "Only letters, digits and . _ : - are allowed")
      .meta({ description: "The visitor's id, kept by the tracker in first-party storage: every event of one browser carries the same." }),
    properties: z
      .record(z.string(), z.unknown())
      .default({})
      .refine((p) => Buffer.byteLength(JSON.stringify(p)) <= MAX_PROPERTIES_BYTES, {
        message: `Properties must be at most ${MAX_PROPERTIES_BYTES} bytes of JSON`,
      }),
    occurred_at: z.iso.datetime({ offset: true }).optional(),
    session_id: z.string().max(128).optional(),
    idempotency_key: z
      .string()
      .min(8)
      .max(128)
      .optional()
      .meta({ description: "Unique per event: a retry with the same key is counted as a duplicate and stores nothing new." }),
    consent: z
      .object({
        analytics: z.boolean().optional(),
        advertising: z
          .boolean()
          .optional()
          .meta({ description: "The shopper's choice about advertising (ad audiences on ad platforms); advertising exports hold only contacts who said yes." }),
      })
      .strict()
      .optional(),
    context: z
      .object({
        page_url: z.string().max(2048).optional(),
        referrer: z.string().max(2048).optional(),
        user_agent: z.string().max(512).optional(),
        locale: z.string().max(35).optional(),
        timezone: z.string().max(64).optional(),
        utm: z
          .object({
            source: z.string().max(128).optional(),
            medium: z.string().max(128).optional(),
            campaign: z.string().max(256).optional(),
          })
          .strict()
          .optional(),
      })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((event, ctx) => {
    const cartId = event.properties.cart_id
    if (cartId !== undefined && !isCartId(cartId)) {
      ctx.addIssue({
        code: "custom",
        message: `A Medusa cart id (cart_ followed by letters and digits, at most ${MAX_CART_ID_LENGTH} characters)`,
        path: ["properties", "cart_id"],
      })
    }
    if (event.type !== "identify" && event.type !== "page_engaged") return
    const parsed = (event.type === "identify" ? identifyProperties : engagedProperties).safeParse(event.properties)
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({ code: "custom", message: issue.message, path: ["properties", ...issue.path] })
      }
    }
  })

export type TrackedEventInput = z.output<typeof TrackedEvent>

/** One event, or `{ events: [...] }` with 1 to 100 of them. */
export const StoreTrackEvents = z.preprocess(
  (body) =>
    body && typeof body === "object" && !Array.isArray(body) && !("events" in body)
      ? { events: [body] }
      : body,
  z
    .object({
      events: z.array(TrackedEvent).min(1).max(MAX_BATCH_SIZE),
    })
    .strict()
)

export type StoreTrackEventsType = z.output<typeof StoreTrackEvents>

/** What `StoreTrackEvents` takes, as the API reference shows it (a preprocess step cannot say it). */
export const StoreTrackEventsBody = z.union([TrackedEvent, z.object({ events: z.array(TrackedEvent).min(1).max(MAX_BATCH_SIZE) }).strict()])
