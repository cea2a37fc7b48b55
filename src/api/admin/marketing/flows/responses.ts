import { z } from "@medusajs/framework/zod"
import {
  AB_METRICS,
  ENROLLMENT_STATUSES,
  FLOW_STATUSES,
  STEP_RUN_OUTCOMES,
  STEP_TYPES,
  TRIGGER_TYPES,
} from "../../../../modules/marketing/flows"
import { component, deleted, nullableTimestamp, page, timestamp } from "../../../utils/openapi"
import { FlowDefinition } from "./definition-schema"

const count = () => z.number().int()
const record = () => z.record(z.string(), z.unknown())

// ── Flows and versions ──────────────────────────────────────────────────────

export const Flow = component(
  "Flow",
  z
    .object({
      id: z.string(),
      name: z.string(),
      description: z.string().nullable(),
      status: z.enum(FLOW_STATUSES),
      definition: record().meta({
        description:
          "The draft, as last saved: a FlowDefinition, possibly incomplete while it is built (it is checked in full on publish and by POST …/{id}/validate).",
      }),
      active_version_id: z.string().nullable().meta({ description: "The version new enrollments use; null until published." }),
      version_count: count().meta({ description: "The number of the last published version (0: never published)." }),
      recipe_key: z.string().nullable().meta({ description: "The recipe this flow was installed from." }),
      published_at: nullableTimestamp(),
      paused_at: nullableTimestamp(),
      archived_at: nullableTimestamp(),
      created_at: timestamp(),
      updated_at: timestamp(),
      active_enrollment_count: count().meta({ description: "Contacts in the flow now." }),
      entered_last_30_days: count(),
      converted_last_30_days: count(),
      entries: z
        .array(z.object({ day: z.iso.date(), count: count() }))
        .meta({ description: "Contacts entered per UTC day over the last 30 days, oldest first (30 points, 0 on a day with none)." }),
    })
    .meta({ description: "A nurturing flow: its draft definition, life cycle and enrollment counts." })
)

export const FlowResponse = z.object({ flow: Flow })
export const FlowListResponse = z.object({ flows: z.array(Flow), ...page })
export const FlowDeleted = deleted("flow")

export const FlowVersion = component(
  "FlowVersion",
  z
    .object({
      id: z.string(),
      flow_id: z.string(),
      version: count().meta({ description: "1, 2…: the order of publication." }),
      definition: FlowDefinition,
      trigger_type: z.enum(TRIGGER_TYPES),
      published_at: timestamp(),
      created_at: timestamp(),
    })
    .meta({ description: "A published, frozen definition; contacts finish on the version they entered." })
)

export const FlowVersionsResponse = z.object({ versions: z.array(FlowVersion).meta({ description: "Newest first." }) })

export const FlowValidationError = component(
  "FlowValidationError",
  z
    .object({
      path: z.string().meta({ description: "Where in the definition: `steps.wait_1.seconds`, `trigger.event.where.and[0].operator`." }),
      message: z.string(),
      step_id: z.string().optional().meta({ description: "The step the problem is about, when it is about one." }),
    })
)

export const FlowValidationResult = component(
  "FlowValidationResult",
  z
    .object({
      valid: z.boolean(),
      errors: z.array(FlowValidationError).meta({ description: "Empty when valid; at most 100." }),
    })
)

// ── Recipes, statistics, A/B decisions ──────────────────────────────────────

export const FlowRecipe = component(
  "FlowRecipe",
  z
    .object({
      key: z.string(),
      // The recipe type's own union (modules/marketing/flows/recipes/recipe.ts); there is no constant to import.
      group: z.enum(["acquisition", "loyalty"]),
      name: z.string(),
      purpose: z.string().meta({ description: "One line: what it does and when it stops." }),
      templates: z.array(z.string()).meta({ description: "Starter template keys it uses (created on install when missing)." }),
      segments: z.array(z.string()).meta({ description: "Built-in segment keys it uses (created on install when missing)." }),
      trigger_type: z.enum(TRIGGER_TYPES),
      steps: z
        .array(z.object({ id: z.string(), type: z.enum(STEP_TYPES), name: z.string().optional() }))
        .meta({ description: "The steps in graph order from the start." }),
    })
    .meta({ description: "A ready-made flow, installed as a draft." })
)

export const FlowRecipesResponse = z.object({ recipes: z.array(FlowRecipe) })

const perKey = () => z.record(z.string(), count())
export const FlowStepStats = component(
  "FlowStepStats",
  z
    .object({
      entered: count().meta({ description: "Enrollments that reached the step (at least one run of it)." }),
      waiting: count().meta({ description: "Active enrollments whose next step is this one." }),
      sent: count().meta({ description: "Emails sent by the step (each message once)." }),
      opened: count(),
      clicked: count(),
      branches: perKey().meta({ description: 'Runs per branch taken ("yes", "no", a split\'s key).' }),
      variants: perKey().meta({ description: 'Runs per email variant ("a", "b", "holdout").' }),
    })
)

export const FlowStatsResponse = z.object({
  steps: z.record(z.string(), FlowStepStats).meta({ description: "By step id; a step nobody reached is absent." }),
})

export const FlowAbDecision = component(
  "FlowAbDecision",
  z
    .object({
      flow_version_id: z.string(),
      step_id: z.string(),
      metric: z.enum(AB_METRICS),
      winner: z.string().meta({ description: "The winning variant's key." }),
      // AbTestName in modules/marketing/flows/ab-test.ts, a type without a constant.
      test: z.enum(["z_test", "chi_square", "welch_z"]),
      p_value: z.number(),
      confidence: z.number().meta({ description: "The confidence the step asked for (0.95: significant when p < 0.05)." }),
      samples: record().meta({
        description:
          "Per variant key: `{ recipients, successes, value }` (rates) or `{ recipients, revenue, value }` (revenue per recipient, with `currency_code` beside the variants).",
      }),
      decided_at: timestamp(),
    })
    .meta({ description: "The automatic A/B winner of one send step of one version, with its evidence." })
)

export const FlowAbDecisionsResponse = z.object({ decisions: z.array(FlowAbDecision).meta({ description: "Newest first, at most 200." }) })

// ── Enrollments ─────────────────────────────────────────────────────────────

export const FlowEnrollmentContact = component(
  "FlowEnrollmentContact",
  z
    .object({
      id: z.string(),
      email: z.string().nullable(),
      first_name: z.string().nullable(),
      last_name: z.string().nullable(),
      customer_id: z.string().nullable(),
    })
    .meta({ description: "Who an enrollment is about." })
)

/** Every column of an enrollment row, as the module's list answers it. */
export const flowEnrollmentFields = {
  id: z.string(),
  flow_id: z.string(),
  flow_version_id: z.string(),
  contact_id: z.string(),
  status: z.enum(ENROLLMENT_STATUSES).meta({ description: "`active`: running or waiting (see `next_run_at`); the others are final." }),
  enrollment_key: z.string().meta({ description: "Makes enrollment idempotent per (flow version, contact, trigger occurrence)." }),
  current_step_id: z.string().nullable().meta({ description: "The step to run next (null once the enrollment ended)." }),
  next_run_at: nullableTimestamp(),
  locked_until: nullableTimestamp().meta({ description: "A runner holds the enrollment until then." }),
  attempts: count().meta({ description: "Attempts on the current step." }),
  step_count: count().meta({ description: "Steps moved through so far." }),
  wait_until: nullableTimestamp().meta({ description: "At a wait_for_event step: the deadline." }),
  awaited_event_id: z.string().nullable().meta({ description: "At a wait_for_event step: the event that arrived." }),
  context: record().nullable().meta({ description: "What the trigger carried (event_id, cart_id, order_id, segment_id, a discount code…)." }),
  entered_at: timestamp(),
  ended_at: nullableTimestamp(),
  end_reason: z.string().nullable().meta({ description: "Why it ended: goal, exit step, exit condition, archived, suppressed, end of graph…" }),
  converted_at: nullableTimestamp(),
  conversion_order_id: z.string().nullable(),
  conversion_amount: z.number().nullable(),
  raw_conversion_amount: z
    .object({ value: z.string(), precision: z.number().int() })
    .nullable()
    .meta({ description: "The exact amount as Medusa stores big numbers." }),
  conversion_currency_code: z.string().nullable(),
  created_at: timestamp(),
  updated_at: timestamp(),
  deleted_at: nullableTimestamp(),
}

const shownFields = {
  contact: FlowEnrollmentContact.nullable().meta({ description: "Null when the contact is gone (erased)." }),
  conversion_order_display_id: z
    .number()
    .int()
    .nullable()
    .meta({ description: "The converting order's number as the store shows it (#1043); null when there is none or it is gone." }),
}

export const FlowEnrollment = component(
  "FlowEnrollment",
  z
    .object({ ...flowEnrollmentFields, ...shownFields })
    .meta({ description: "One contact's way through one version of a flow." })
)

export const FlowEnrollmentListResponse = z.object({ enrollments: z.array(FlowEnrollment).meta({ description: "Newest first." }), ...page })

export const FlowStepRun = component(
  "FlowStepRun",
  z
    .object({
      id: z.string(),
      enrollment_id: z.string(),
      flow_id: z.string(),
      flow_version_id: z.string(),
      contact_id: z.string(),
      step_id: z.string(),
      step_type: z.enum(STEP_TYPES),
      outcome: z.enum(STEP_RUN_OUTCOMES).meta({
        description: "`held`: delayed by message pressure (frequency cap, quiet hours) and tried again later; `skipped`: not done, see `reason`.",
      }),
      reason: z.string().nullable(),
      branch: z.string().nullable().meta({ description: 'The branch taken: "yes", "no" or a split\'s key.' }),
      variant: z.string().nullable().meta({ description: 'The email variant\'s key, or "holdout".' }),
      message_id: z.string().nullable(),
      idempotency_key: z.string(),
      data: record().nullable().meta({ description: "Step-specific results: a discount code, a webhook's status, the owner assigned, a held email's retry time…" }),
      started_at: timestamp(),
      finished_at: nullableTimestamp(),
      created_at: timestamp(),
      updated_at: timestamp(),
      deleted_at: nullableTimestamp(),
    })
    .meta({ description: "One run of one step for one enrollment." })
)

export const FlowEnrollmentDetailResponse = z.object({
  enrollment: component(
    "FlowEnrollmentDetail",
    z
      .object({
        ...flowEnrollmentFields,
        ...shownFields,
        step_runs: z.array(FlowStepRun).meta({ description: "Oldest first, at most 1000." }),
      })
      .meta({ description: "An enrollment with its step runs." })
  ),
})

export const EnrollInFlowResult = component(
  "EnrollInFlowResult",
  z
    .object({
      enrolled: count().meta({ description: "Enrollments made (0 when nobody could enter)." }),
      enrollment_ids: z
        .array(z.string())
        .optional()
        .meta({ description: "Only when one contact was given: its new enrollment, or none. A segment answers its count only." }),
      schedule_id: z.null(),
    })
    .meta({ description: "Contacts enrolled now; their first steps have run." })
)

export const EnrollInFlowScheduled = component(
  "EnrollInFlowScheduled",
  z
    .object({
      enrolled: z.literal(0),
      schedule_id: z.string().meta({ description: "The schedule: the runner enrolls the segment's members at `at`." }),
    })
    .meta({ description: "A segment's enrollment, scheduled for later." })
)
