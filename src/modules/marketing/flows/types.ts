import type { Node as ConditionNode } from "../conditions"
import type { SegmentNode } from "../segments/types"
import type { LifecycleStage } from "../scoring/stages"

/**
 * A nurturing flow's definition: plain JSON, stored on the flow (the draft)
 * and frozen in each published version. Shared by the engine, the admin API
 * and the builder. Validate untrusted input with `validateFlowDefinition`
 * (graph.ts); every error names the step id it is about.
 */
export type FlowDefinition = {
  trigger: FlowTrigger
  /** Checked at entry, over the contact (the segments schema). */
  entry_filter?: SegmentNode
  reentry: ReentryPolicy
  /** Reaching it converts the enrolment (and stops it, unless `continue_after`). */
  goal?: FlowGoal
  /** Each stops the enrolment without converting. */
  exit_conditions?: FlowExitCondition[]
  message_pressure?: MessagePressure
  /** The first step's id. */
  start: string
  /** Steps by id; ids match STEP_ID. */
  steps: Record<string, FlowStep>
}

export const FLOW_STATUSES = ["draft", "active", "paused", "archived"] as const
export type FlowStatus = (typeof FLOW_STATUSES)[number]

/** `active`: running or waiting (see `next_run_at`); the others are final. */
export const ENROLLMENT_STATUSES = ["active", "completed", "converted", "exited", "failed"] as const
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number]

/**
 * What one step run did. `held`: delayed by message pressure (frequency cap,
 * quiet hours) and tried again later; `skipped`: not done, with the reason
 * (suppressed, holdout, capped with "skip").
 */
export const STEP_RUN_OUTCOMES = ["completed", "skipped", "held", "failed"] as const
export type StepRunOutcome = (typeof STEP_RUN_OUTCOMES)[number]

export const STEP_ID = /^[A-Za-z0-9_-]{1,64}$/
export const SCORES = ["acquisition", "loyalty"] as const
export type ScoreName = (typeof SCORES)[number]
/** Monday = 1 … Sunday = 7 (ISO). */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7
/** "HH:MM", 24-hour, in the contact's time zone (the store's when unknown). */
export type LocalTime = string

// ── Trigger, entry, goal, exits ─────────────────────────────────────────────

/** An event type (tracked, Medusa-derived, engagement or `custom:<name>`) with property filters. */
export type EventMatch = { type: string; where?: ConditionNode }

export const TRIGGER_TYPES = [
  "event",
  "segment_entered",
  "segment_exited",
  "score_threshold",
  "stage_changed",
  "date",
  "manual",
] as const
export type TriggerType = (typeof TRIGGER_TYPES)[number]

export type FlowTrigger =
  | { type: "event"; event: EventMatch }
  | { type: "segment_entered"; segment_id: string }
  | { type: "segment_exited"; segment_id: string }
  | { type: "score_threshold"; score: ScoreName; threshold: number; direction: "up" | "down" }
  | { type: "stage_changed"; from?: LifecycleStage; to?: LifecycleStage }
  | DateTrigger
  /** One contact from the admin or the API, or a whole segment now or at a scheduled time. */
  | { type: "manual" }

/** `expected_next_order_at` is the prediction field (the contact's main currency, see predictions/contact-fields.ts). */
export const DATE_FIELDS = ["birth_date", "first_seen_at", "first_order_at", "last_order_at", "expected_next_order_at"] as const
export type DateField = (typeof DATE_FIELDS)[number]
export const DATE_TRIGGER_MODES = ["anniversary", "after", "before"] as const
/**
 * `anniversary`: every year on the field's day; `after`: once, `days` after
 * the field's date; `before`: once per order cycle, when the date is `days`
 * days away (for `expected_next_order_at`: a replenishment reminder).
 */
export type DateTrigger =
  | { type: "date"; field: DateField; mode: "anniversary"; at: LocalTime }
  | { type: "date"; field: DateField; mode: "after" | "before"; days: number; at: LocalTime }

export type ReentryPolicy = { policy: "once" } | { policy: "every_time" } | { policy: "once_per_days"; days: number }

export type FlowGoal =
  | { event: EventMatch; continue_after?: boolean }
  | { segment_entered: string; continue_after?: boolean }

export type FlowExitCondition = { event: EventMatch } | { segment_entered: string } | { segment_exited: string }

/**
 * Global frequency cap and quiet hours apply to every send step unless
 * bypassed (cart recovery). `when_held`: a held-back email waits for the next
 * allowed time, or is skipped. `when_suppressed`: unsubscribed or suppressed
 * contacts skip send steps and go on, or leave the flow.
 */
export type MessagePressure = {
  bypass_frequency_cap?: boolean
  bypass_quiet_hours?: boolean
  when_held?: "delay" | "skip"
  when_suppressed?: "continue" | "exit"
}

// ── Steps ───────────────────────────────────────────────────────────────────

export const STEP_TYPES = [
  "send_email",
  "wait",
  "wait_for_event",
  "condition",
  "random_split",
  "update_contact",
  "customer_group",
  "create_discount",
  "webhook",
  "notify_team",
  "assign_owner",
  "exit",
] as const
export type StepType = (typeof STEP_TYPES)[number]

/** Step types whose branches are named; every other non-exit step has an optional `next` (none: the enrolment completes). */
export const BRANCHING_STEP_TYPES = ["wait_for_event", "condition", "random_split"] as const

type Linear = { name?: string; next?: string }

/** Products as `sendEmailWorkflow` takes them (`context.products`). */
export type ProductChoice = { strategy: string; limit?: number }

export type EmailVariant = {
  /** "a", "b"…: what reports and winners name. */
  key: string
  weight: number
  template_id?: string
  subject?: string
}

/** At most this share of a send step's contacts is held out (measured against, sent nothing). */
export const MAX_HOLDOUT_PERCENT = 50
/** Variants per send step. */
export const MIN_VARIANTS = 2
export const MAX_VARIANTS = 4

export const AB_METRICS = ["click_rate", "conversion_rate", "revenue_per_recipient"] as const
export type AbMetric = (typeof AB_METRICS)[number]
export const AB_DEFAULT_CONFIDENCE = 0.95
export const AB_MIN_CONFIDENCE = 0.8
export const AB_MAX_CONFIDENCE = 0.999
export const AB_DEFAULT_MIN_SAMPLE = 500
/** Smallest `min_sample` allowed: below it the normal approximations of the tests are not trusted. */
export const AB_MIN_MIN_SAMPLE = 100
export const AB_MAX_MIN_SAMPLE = 1_000_000

/**
 * Pick the best variant automatically: a scheduled job tests the variants on
 * `metric` and, once every variant has `min_sample` recipients and the
 * difference is significant at `confidence`, stores a decision; from then on
 * contacts reaching the step get the winner (the holdout still applies).
 */
export type AutoWinner = { metric: AbMetric; confidence?: number; min_sample?: number }

/**
 * When a send step sends: `now`, or `best_time`, the start of the contact's
 * best hour (the most human opens and clicks, shrunk towards the store's
 * pattern) within the next 24 hours; at once when nothing is known.
 */
export const SEND_AT_OPTIONS = ["now", "best_time"] as const
export type SendAt = (typeof SEND_AT_OPTIONS)[number]

export type SendEmailStep = Linear & {
  type: "send_email"
  template_id: string
  /** Preference topic: contacts who opted out of it are skipped. */
  topic?: string
  products?: ProductChoice
  /** 2–4 variants, weights summing to 100; each may override the template or the subject. */
  variants?: EmailVariant[]
  /** Percent of contacts who get no email here (measured against in reports). */
  holdout_percent?: number
  /** Only with variants. */
  auto_winner?: AutoWinner
  /** Default `now`. */
  send_at?: SendAt
}

export type WaitStep = Linear & {
  type: "wait"
} & ({ seconds: number } | { until: { weekdays?: Weekday[]; at: LocalTime } })

export type WaitForEventStep = {
  type: "wait_for_event"
  name?: string
  event: EventMatch
  timeout_seconds: number
  /** The event arrived in time. */
  yes: string
  /** Timed out. */
  no: string
}

/**
 * A condition over the contact (the segments schema: fields, scores, stage,
 * segment and group membership) plus flow facts: an event since entering,
 * this flow's last email opened or clicked.
 */
export type FlowConditionNode =
  | { and: FlowConditionNode[] }
  | { or: FlowConditionNode[] }
  | { not: FlowConditionNode }
  | SegmentNode
  | { since_entry: { event: EventMatch } }
  | { last_email: "opened" | "clicked" }

export type ConditionStep = { type: "condition"; name?: string; if: FlowConditionNode; yes: string; no: string }

export type RandomSplitStep = {
  type: "random_split"
  name?: string
  /** 2–4 branches; percents sum to 100. */
  branches: { key: string; percent: number; next: string }[]
}

export type UpdateContactStep = Linear & {
  type: "update_contact"
  /** A ledger entry whose reason names the flow and the step. */
  score?: { score: ScoreName; points: number }
  set?: { field: string; value: string | number | boolean | null }[]
  add_tags?: string[]
  remove_tags?: string[]
}

export type CustomerGroupStep = Linear & { type: "customer_group"; action: "add" | "remove"; customer_group_id: string }

export type CreateDiscountStep = Linear & {
  type: "create_discount"
  kind: "percentage" | "fixed"
  value: number
  /** Required for `fixed`. */
  currency_code?: string
  expires_in_days: number
  min_subtotal?: number
}

export type WebhookStep = Linear & { type: "webhook"; url: string; secret: string; timeout_ms?: number }

export type NotifyTeamStep = Linear & {
  type: "notify_team"
  /** The configured team address when absent. */
  email?: string
  to_owner?: boolean
  message?: string
}

export type AssignOwnerStep = Linear & { type: "assign_owner"; user_ids: string[]; mode: "round_robin" | "fixed" }

export type ExitStep = { type: "exit"; name?: string }

export type FlowStep =
  | SendEmailStep
  | WaitStep
  | WaitForEventStep
  | ConditionStep
  | RandomSplitStep
  | UpdateContactStep
  | CustomerGroupStep
  | CreateDiscountStep
  | WebhookStep
  | NotifyTeamStep
  | AssignOwnerStep
  | ExitStep

/** What a trigger occurrence carries into the enrolment (`marketing_flow_enrollment.context`). */
export type EnrollmentContext = {
  event_id?: string
  cart_id?: string
  order_id?: string
  segment_id?: string
  /** A code the enrolment's `create_discount` made: later emails get `{{discount.code}}`. */
  discount?: { code: string; promotion_id: string; expires_at: string }
  [key: string]: unknown
}

// ── Running a step ─────────────────────────────────────────────────────────

/**
 * What the engine hands a step's workflow step: one run of one step for one
 * enrolment. `idempotency_key` is (enrolment, step run): a retried run uses
 * the same key, and every effect (an email, a code, a score change, a webhook
 * delivery) is keyed by it so it happens once.
 */
export type StepRunInput<S extends FlowStep = FlowStep> = {
  enrollment_id: string
  flow_id: string
  flow_version_id: string
  flow_name: string
  contact_id: string
  step_id: string
  step: S
  context: EnrollmentContext
  idempotency_key: string
  /** ISO time: the engine's clock (injectable in tests). */
  now: string
}

/** What a step's workflow step returns; the engine records it as the step run and moves on. */
export type StepRunResult = {
  outcome: StepRunOutcome
  reason?: string
  /** Branch taken (condition, split, wait_for_event). */
  branch?: string
  variant?: string
  message_id?: string
  data?: Record<string, unknown>
  /** Merged into the enrolment's context (e.g. `{ discount }` for later emails). */
  context_patch?: Partial<EnrollmentContext>
  /** `held`: when to try again. */
  retry_at?: string
}
