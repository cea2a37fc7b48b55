/** Nurturing flows, their versions, recipes, step numbers and enrollments. */
import type {
  EnrollmentStatus,
  FlowDefinition,
  FlowStatus,
  FlowStep,
  StepRunOutcome,
  StepType,
  TriggerType,
} from "../../../modules/marketing/flows/types"
import type { PageInfo } from "../common/types"

// The definition is the server's own type (a Medusa-free module), so the
// builder and the engine never drift.
export type {
  EnrollmentStatus,
  FlowDefinition,
  FlowStatus,
  FlowStep,
  FlowTrigger,
  StepRunOutcome,
  StepType,
  TriggerType,
} from "../../../modules/marketing/flows/types"

/** Contacts who entered on one UTC day (YYYY-MM-DD). */
export type FlowEntriesPoint = { day: string; count: number }

export interface Flow {
  id: string
  name: string
  description: string | null
  status: FlowStatus
  /** The draft; a draft may be incomplete while it is built. */
  definition: FlowDefinition
  active_version_id: string | null
  version_count: number
  recipe_key: string | null
  published_at: string | null
  paused_at: string | null
  archived_at: string | null
  created_at: string
  updated_at: string
  /** Contacts in the flow now. */
  active_enrollment_count: number
  entered_last_30_days: number
  converted_last_30_days: number
  /** Contacts entered per UTC day, the last 30 days, oldest first. */
  entries: FlowEntriesPoint[]
}

export interface FlowVersion {
  id: string
  flow_id: string
  version: number
  definition: FlowDefinition
  trigger_type: TriggerType
  published_at: string
  created_at: string
}

export type FlowListParams = {
  limit?: number
  offset?: number
  q?: string
  status?: FlowStatus | FlowStatus[]
  order?: string
}

export type FlowListResponse = PageInfo & { flows: Flow[] }
export type FlowResponse = { flow: Flow }
export type FlowVersionsResponse = { versions: FlowVersion[] }
export type FlowDeleteResponse = { id: string; object: "flow"; deleted: true }

export type CreateFlowBody = {
  name: string
  description?: string | null
  definition: Partial<FlowDefinition> | Record<string, unknown>
}
export type UpdateFlowBody = Partial<CreateFlowBody>

/** One problem with a definition; `step_id` names the step it is about. */
export type FlowValidationError = { path: string; message: string; step_id?: string }
export type FlowValidationResponse = { valid: boolean; errors: FlowValidationError[] }

export type RecipeGroup = "acquisition" | "loyalty"

export interface FlowRecipe {
  key: string
  group: RecipeGroup
  name: string
  purpose: string
  /** Starter template keys. */
  templates: string[]
  /** Built-in segment keys. */
  segments: string[]
  trigger_type: TriggerType
  /** The steps in graph order from the start. */
  steps: { id: string; type: StepType; name?: string }[]
}
export type FlowRecipesResponse = { recipes: FlowRecipe[] }

/** One step's numbers (see `GET /admin/marketing/flows/:id/stats`). */
export interface FlowStepStats {
  entered: number
  waiting: number
  sent: number
  opened: number
  clicked: number
  branches: Record<string, number>
  variants: Record<string, number>
}
export type FlowStatsResponse = { steps: Record<string, FlowStepStats> }

/** Who an enrollment is about, as lists name them. */
export type FlowEnrollmentContact = {
  id: string
  email: string | null
  first_name: string | null
  last_name: string | null
  customer_id: string | null
}

export interface FlowEnrollment {
  id: string
  flow_id: string
  flow_version_id: string
  contact_id: string
  status: EnrollmentStatus
  current_step_id: string | null
  next_run_at: string | null
  entered_at: string
  ended_at: string | null
  end_reason: string | null
  converted_at: string | null
  conversion_order_id: string | null
  conversion_amount: number | null
  conversion_currency_code: string | null
  context: Record<string, unknown> | null
  /** In a flow's list (null when the contact is gone). */
  contact?: FlowEnrollmentContact | null
  /** The converting order's number (#1043), null when there is none or it is gone. */
  conversion_order_display_id?: number | null
}

export interface FlowStepRun {
  id: string
  step_id: string
  step_type: string
  outcome: StepRunOutcome
  reason: string | null
  branch: string | null
  variant: string | null
  message_id: string | null
  /** Step-specific results: a held email's `retry_at` and `time_zone`, a wait's `until`, a code… */
  data: Record<string, unknown> | null
  started_at: string
  finished_at: string | null
}

export type FlowEnrollmentListParams = {
  limit?: number
  offset?: number
  status?: EnrollmentStatus
  contact_id?: string
}
export type FlowEnrollmentListResponse = PageInfo & { enrollments: FlowEnrollment[] }
export type FlowEnrollmentDetail = FlowEnrollment & { step_runs: FlowStepRun[] }
export type FlowEnrollmentResponse = { enrollment: FlowEnrollmentDetail }

/** A step as a contact's enrollment names it (in the version the contact is in). */
export type EnrollmentStep = { id: string; type: StepType | null; name: string | null }

/** One of a contact's enrollments, with its flow and current step. */
export type ContactEnrollment = FlowEnrollment & {
  flow: { id: string; name: string; status: FlowStatus } | null
  flow_version: number | null
  current_step: EnrollmentStep | null
}
export type ContactEnrollmentListParams = { limit?: number; offset?: number; status?: EnrollmentStatus }
export type ContactEnrollmentListResponse = PageInfo & { enrollments: ContactEnrollment[] }
export type EnrollInFlowBody = { contact_id: string } | { segment_id: string; at?: string }
/** `enrollment_ids` only when one contact was enrolled (a segment answers its count). */
export type EnrollInFlowResponse = { enrolled: number; enrollment_ids?: string[]; schedule_id: string | null }

export type { FlowAction } from "./actions"
