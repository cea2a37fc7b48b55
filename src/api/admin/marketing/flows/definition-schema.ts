import { z } from "@medusajs/framework/zod"
import { PRODUCT_STRATEGIES } from "../../../../modules/marketing/email/products"
import {
  AB_MAX_CONFIDENCE,
  AB_MAX_MIN_SAMPLE,
  AB_METRICS,
  AB_MIN_CONFIDENCE,
  AB_MIN_MIN_SAMPLE,
  DATE_FIELDS,
  DATE_TRIGGER_MODES,
  LOCAL_TIME,
  MAX_DATE_TRIGGER_DAYS,
  MAX_EXIT_CONDITIONS,
  MAX_HOLDOUT_PERCENT,
  MAX_REENTRY_DAYS,
  MAX_STEPS,
  MAX_VARIANTS,
  MAX_WAIT_SECONDS,
  MIN_VARIANTS,
  REFERENCE_ID,
  SCORES,
  SEND_AT_OPTIONS,
  SETTABLE_CONTACT_FIELDS,
  STEP_ID,
  STEP_TYPES,
  TRIGGER_TYPES,
  type StepType,
  type TriggerType,
} from "../../../../modules/marketing/flows"
import { LIFECYCLE_STAGES } from "../../../../modules/marketing/scoring/stages"
import { component } from "../../../utils/openapi"
import { SegmentDefinition } from "../segments/validators"

/**
 * The shape of a flow definition, for the API reference only: the server
 * checks definitions with `validateFlowDefinition` (modules/marketing/flows/graph.ts),
 * which refuses unknown keys and names the step of every problem. This
 * schema says what that validator accepts, key by key; the graph rules
 * (every target exists, every step reachable, no loop without a wait) are in
 * the descriptions. A unit test parses every recipe with it.
 */

const stepId = () => z.string().regex(STEP_ID).meta({ description: "A step id of this definition." })
const reference = (what: string) =>
  z.string().regex(REFERENCE_ID).meta({ description: `A ${what} id (a recipe uses a placeholder, replaced on install).` })
const localTime = () =>
  z.string().regex(LOCAL_TIME).meta({ description: '"HH:MM", 24-hour, in the contact\'s time zone (the store\'s when unknown).' })
const whole = (min: number, max: number) => z.number().int().min(min).max(max)
const text = (max: number) => z.string().min(1).max(max)
const conditionTree = (description: string) => z.record(z.string(), z.unknown()).meta({ description })

const SEGMENT_TREE =
  "A condition tree over the contact, as a segment's (SegmentConditionTree): `{ and: [...] }`, `{ or: [...] }`, `{ not: ... }`, " +
  "a field leaf `{ field, operator, value }` or an `event`, `purchase`, `segment`, `customer_group` or `top_spenders` leaf."

export const FlowEventMatch = component(
  "FlowEventMatch",
  z
    .strictObject({
      type: z.string().meta({
        description: "An event type: tracked (`page_viewed`, `identify`…), Medusa-derived (`order_placed`…), engagement (`email_clicked`…) or `custom:<name>`.",
      }),
      where: conditionTree("Filters on the event's properties: a condition tree of `{ field, operator, value }` leaves under and / or / not.").optional(),
    })
    .meta({ description: "An event, by type, with optional filters on its properties." })
)

// ── Trigger, entry, goal, exits ─────────────────────────────────────────────

const TRIGGERS = {
  event: z.strictObject({ type: z.literal("event"), event: FlowEventMatch }),
  segment_entered: z.strictObject({ type: z.literal("segment_entered"), segment_id: reference("segment") }),
  segment_exited: z.strictObject({ type: z.literal("segment_exited"), segment_id: reference("segment") }),
  score_threshold: z.strictObject({
    type: z.literal("score_threshold"),
    score: z.enum(SCORES),
    threshold: z.number().min(-1_000_000).max(1_000_000),
    direction: z.enum(["up", "down"]).meta({ description: "`up`: the score rises to the threshold or above; `down`: it falls below it." }),
  }),
  stage_changed: z
    .strictObject({ type: z.literal("stage_changed"), from: z.enum(LIFECYCLE_STAGES).optional(), to: z.enum(LIFECYCLE_STAGES).optional() })
    .meta({ description: "A lifecycle stage change; `from` and `to` narrow it (they must differ)." }),
  date: z
    .strictObject({
      type: z.literal("date"),
      field: z.enum(DATE_FIELDS),
      mode: z.enum(DATE_TRIGGER_MODES),
      days: whole(1, MAX_DATE_TRIGGER_DAYS).optional().meta({ description: "Required with modes `after` and `before`, refused with `anniversary`." }),
      at: localTime(),
    })
    .meta({
      description:
        "`anniversary`: every year on the field's day; `after`: once, `days` after the field's date; `before`: once per order cycle, when the date is `days` days away " +
        "(meant for `expected_next_order_at`, the predicted next order in the contact's main currency); all at the local time `at`.",
    }),
  manual: z
    .strictObject({ type: z.literal("manual") })
    .meta({ description: "Only POST /admin/marketing/flows/{id}/enrollments enrolls: one contact, or a segment now or later." }),
} satisfies Record<TriggerType, z.ZodType>

export const FlowTrigger = component(
  "FlowTrigger",
  z
    .discriminatedUnion("type", TRIGGER_TYPES.map((t) => TRIGGERS[t]) as unknown as [typeof TRIGGERS.event, ...(typeof TRIGGERS)[TriggerType][]])
    .meta({ description: "What enrolls a contact." })
)

const FlowReentry = z
  .discriminatedUnion("policy", [
    z.strictObject({ policy: z.literal("once") }),
    z.strictObject({ policy: z.literal("every_time") }),
    z.strictObject({ policy: z.literal("once_per_days"), days: whole(1, MAX_REENTRY_DAYS) }),
  ])
  .meta({ description: "Whether a contact who was in the flow may enter it again: never, every time, or once per `days`." })

const continueAfter = z.boolean().optional().meta({ description: "Keep going after the goal is reached (the enrollment converts either way)." })
const FlowGoal = z
  .union([
    z.strictObject({ event: FlowEventMatch, continue_after: continueAfter }),
    z.strictObject({ segment_entered: reference("segment"), continue_after: continueAfter }),
  ])
  .meta({ description: "Reaching it converts the enrollment (an order records its id, amount and currency) and ends it, unless `continue_after`." })

const FlowExitCondition = z
  .union([
    z.strictObject({ event: FlowEventMatch }),
    z.strictObject({ segment_entered: reference("segment") }),
    z.strictObject({ segment_exited: reference("segment") }),
  ])
  .meta({ description: "Ends the enrollment without converting it." })

const FlowMessagePressure = z
  .strictObject({
    bypass_frequency_cap: z.boolean().optional(),
    bypass_quiet_hours: z.boolean().optional(),
    when_held: z.enum(["delay", "skip"]).optional().meta({ description: "An email held back by the cap or quiet hours waits for the next allowed time, or is skipped." }),
    when_suppressed: z
      .enum(["continue", "exit"])
      .optional()
      .meta({ description: "An unsubscribed or suppressed contact skips send steps and goes on, or leaves the flow." }),
  })
  .meta({ description: "How the store's frequency cap and quiet hours apply to this flow's emails." })

// ── Steps ───────────────────────────────────────────────────────────────────

const name = () => text(200).optional()
const linear = () => ({
  name: name(),
  next: stepId().optional().meta({ description: "The step after this one; none: the enrollment completes here." }),
})
const key = () => z.string().meta({ description: "A short key such as `a` or `b`: lowercase letters, digits, - and _, up to 20 characters; unique in the step." })

const FlowEmailVariant = z.strictObject({
  key: key(),
  weight: whole(1, 99).meta({ description: "Percent of the step's contacts; the variants' weights add up to 100." }),
  template_id: reference("template").optional(),
  subject: text(500).optional(),
})

const STEPS = {
  send_email: z.strictObject({
    type: z.literal("send_email"),
    ...linear(),
    template_id: reference("template"),
    topic: z.string().optional().meta({ description: "A preference topic (lowercase letters, digits, - and _): contacts who opted out of it are skipped." }),
    products: z
      .strictObject({ strategy: z.enum(PRODUCT_STRATEGIES), limit: whole(1, 12).optional() })
      .optional()
      .meta({ description: "Products to show in the email." }),
    variants: z
      .array(FlowEmailVariant)
      .min(MIN_VARIANTS)
      .max(MAX_VARIANTS)
      .optional()
      .meta({ description: "A/B variants, each overriding the template or the subject; weights add up to 100." }),
    holdout_percent: whole(0, MAX_HOLDOUT_PERCENT).optional().meta({ description: "Percent of contacts sent nothing here, measured against in reports." }),
    auto_winner: z
      .strictObject({
        metric: z.enum(AB_METRICS),
        confidence: z.number().min(AB_MIN_CONFIDENCE).max(AB_MAX_CONFIDENCE).optional(),
        min_sample: whole(AB_MIN_MIN_SAMPLE, AB_MAX_MIN_SAMPLE).optional().meta({ description: "Recipients per variant before the test runs." }),
      })
      .optional()
      .meta({ description: "Pick the best variant automatically (needs variants); from then on contacts get the winner." }),
    send_at: z
      .enum(SEND_AT_OPTIONS)
      .optional()
      .meta({
        description:
          "`now` (the default), or `best_time`: wait for the start of the contact's best hour within the next 24 hours (their most human opens and clicks, shrunk towards the store's pattern; hours starting in quiet hours are skipped); at once when nothing is known.",
      }),
  }),
  wait: z
    .strictObject({
      type: z.literal("wait"),
      ...linear(),
      seconds: whole(1, MAX_WAIT_SECONDS).optional(),
      until: z
        .strictObject({
          weekdays: z.array(whole(1, 7)).min(1).max(7).optional().meta({ description: "ISO weekdays (Monday = 1), each once." }),
          at: localTime(),
        })
        .optional(),
    })
    .meta({ description: "Waits `seconds` (up to a year), or `until` the next allowed weekday and local time: exactly one of the two." }),
  wait_for_event: z
    .strictObject({
      type: z.literal("wait_for_event"),
      name: name(),
      event: FlowEventMatch,
      timeout_seconds: whole(1, MAX_WAIT_SECONDS),
      yes: stepId().meta({ description: "Where the contact goes when the event arrives in time." }),
      no: stepId().meta({ description: "Where the contact goes on timeout." }),
    })
    .meta({ description: "Waits for an event, at most `timeout_seconds`." }),
  condition: z.strictObject({
    type: z.literal("condition"),
    name: name(),
    if: conditionTree(
      `${SEGMENT_TREE} Two more leaves: \`{ since_entry: { event: FlowEventMatch } }\` (the event happened since the contact entered) and \`{ last_email: "opened" | "clicked" }\` (this flow's last email). At most 10 levels and 100 leaves.`
    ),
    yes: stepId(),
    no: stepId(),
  }),
  random_split: z.strictObject({
    type: z.literal("random_split"),
    name: name(),
    branches: z
      .array(z.strictObject({ key: key(), percent: whole(1, 99), next: stepId() }))
      .min(2)
      .max(4)
      .meta({ description: "2 to 4 branches whose percents add up to 100." }),
  }),
  update_contact: z
    .strictObject({
      type: z.literal("update_contact"),
      ...linear(),
      score: z
        .strictObject({ score: z.enum(SCORES), points: whole(-1000, 1000).meta({ description: "Not 0." }) })
        .optional()
        .meta({ description: "A score ledger entry whose reason names the flow and the step." }),
      set: z
        .array(
          z.strictObject({
            field: z.enum(SETTABLE_CONTACT_FIELDS),
            value: z.string().max(500).nullable().meta({ description: "null clears the field." }),
          })
        )
        .min(1)
        .max(20)
        .optional(),
      add_tags: z.array(z.string()).min(1).max(20).optional().meta({ description: "Tags of 1 to 64 characters, without commas." }),
      remove_tags: z.array(z.string()).min(1).max(20).optional(),
    })
    .meta({ description: "Changes the contact: at least one of `score`, `set`, `add_tags` and `remove_tags`." }),
  customer_group: z.strictObject({
    type: z.literal("customer_group"),
    ...linear(),
    action: z.enum(["add", "remove"]),
    customer_group_id: reference("customer group"),
  }),
  create_discount: z
    .strictObject({
      type: z.literal("create_discount"),
      ...linear(),
      kind: z.enum(["percentage", "fixed"]),
      value: z.number().positive().meta({ description: "A whole percent from 1 to 100, or an amount above 0." }),
      currency_code: z.string().optional().meta({ description: "A lowercase ISO 4217 code such as `eur`; required for a fixed amount." }),
      expires_in_days: whole(1, 365),
      min_subtotal: z.number().min(0).optional(),
    })
    .meta({ description: "Makes a one-off discount code; later emails of the enrollment show it as `{{discount.code}}`." }),
  webhook: z.strictObject({
    type: z.literal("webhook"),
    ...linear(),
    url: z.string().max(2000).meta({ description: "An http(s) URL." }),
    secret: text(500).meta({ description: "Signs each delivery." }),
    timeout_ms: whole(100, 30_000).optional(),
  }),
  notify_team: z.strictObject({
    type: z.literal("notify_team"),
    ...linear(),
    email: z.string().optional().meta({ description: "The address to notify; the configured team address when absent." }),
    to_owner: z.boolean().optional().meta({ description: "Notify the contact's owner." }),
    message: text(2000).optional(),
  }),
  assign_owner: z
    .strictObject({
      type: z.literal("assign_owner"),
      ...linear(),
      user_ids: z.array(reference("admin user")).min(1).max(50),
      mode: z.enum(["round_robin", "fixed"]).meta({ description: "`fixed` takes exactly one user." }),
    })
    .meta({ description: "Hands the contact to an admin user." }),
  exit: z.strictObject({ type: z.literal("exit"), name: name() }).meta({ description: "Ends the enrollment." }),
} satisfies Record<StepType, z.ZodType>

export const FlowStep = component(
  "FlowStep",
  z
    .discriminatedUnion("type", STEP_TYPES.map((t) => STEPS[t]) as unknown as [typeof STEPS.send_email, ...(typeof STEPS)[StepType][]])
    .meta({ description: "One step of a flow, by `type`." })
)

export const FlowDefinition = component(
  "FlowDefinition",
  z
    .strictObject({
      trigger: FlowTrigger,
      entry_filter: SegmentDefinition.optional(),
      reentry: FlowReentry,
      goal: FlowGoal.optional(),
      exit_conditions: z.array(FlowExitCondition).max(MAX_EXIT_CONDITIONS).optional(),
      message_pressure: FlowMessagePressure.optional(),
      start: stepId().meta({ description: "The first step." }),
      steps: z
        .record(z.string().regex(STEP_ID), FlowStep)
        .meta({ description: `1 to ${MAX_STEPS} steps by id (1 to 64 letters, digits, - or _).` }),
    })
    .meta({
      description:
        "A flow's graph: a trigger, entry rules (`entry_filter`, checked over the contact as it enters; `reentry`), an optional goal and exit conditions, " +
      "and steps by id, each naming where it leads (`next`; `yes` and `no`; a split's branches). " +
        "Publishing checks it in full: unknown keys are refused, every target must exist, every step must be reachable from `start`, " +
        "a condition or wait_for_event step needs both branches, and a loop must go through a wait or wait_for_event step. " +
        "Each problem is reported with its path (`steps.wait_1.seconds`) and step id.",
    })
)
