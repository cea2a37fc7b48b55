/** Scoring rules, settings, recomputes and score ledgers. */
import type {
  ConditionFieldType,
  ConditionNode,
  PageInfo,
} from "../common/types"
import type { Contact } from "../contacts/types"
// The server's own RFM groups and settings fields (Medusa-free modules); the
// stages come from the server's list through ./stages.
import type { RfmGroup } from "../../../modules/marketing/scoring/rfm"
import type { RfmStatus, ScoringSettingsFields } from "../../../modules/marketing/scoring/settings"
import type { LifecycleStage } from "./stages"

export type { LifecycleStage, RfmGroup }

export type ScoringRuleKind = "engagement" | "fit" | "loyalty"

export type CapPeriod = "day" | "week" | "month" | "ever"

export interface ScoringRule {
  id: string
  name: string
  description: string | null
  kind: ScoringRuleKind
  /** Set for engagement and loyalty rules, null for fit rules. */
  event_type: string | null
  /** Null matches every event (or every contact, for fit rules). */
  conditions: ConditionNode | null
  /** Whole points, -1000..1000, never 0. */
  points: number
  cap_count: number | null
  cap_period: CapPeriod | null
  active: boolean
  created_at: string
  updated_at: string
}

export type RecomputeStatus = "running" | "done" | "failed"

/** A background rebuild of every contact's scores. */
export interface Recompute {
  id: string
  status: RecomputeStatus
  reason: string
  /** 0..1 */
  progress: number
  step: string | null
  started_at: string
  finished_at: string | null
  error: string | null
  stats: Record<string, unknown> | null
}

export interface ScoringSettings extends ScoringSettingsFields, RfmStatus {
  rfm_computed_at: string | null
}

export interface ScoringField {
  /** e.g. `properties.category` for event rules, `country_code` for fit rules. */
  name: string
  type: ConditionFieldType
  /** The allowed values of an enum field. */
  values?: string[]
}

export interface HistogramBucket {
  from: number
  to: number
  count: number
}

export type ScoreKind = "acquisition" | "loyalty"

export type ScoreComponent = "engagement" | "fit" | "rfm" | "loyalty_rule"

/** One line of a contact's score ledger. */
export interface ScoreEntry {
  id: string
  score: ScoreKind
  component: ScoreComponent
  delta: number
  /** What the entry contributes today, after decay. */
  current_value: number
  rule_id: string | null
  rule_name: string | null
  event_id: string | null
  event_type: string | null
  reason: string
  occurred_at: string
}

/** A contact's current scores, as its ledger page carries them. */
export interface ScoreSummary
  extends Pick<
    Contact,
    | "acquisition_score"
    | "engagement_score"
    | "fit_score"
    | "loyalty_score"
    | "loyalty_points"
    | "lifecycle_stage"
  > {
  rfm: {
    recency: number
    frequency: number
    monetary: number
    group: RfmGroup
  } | null
}

export interface StageChange {
  id: string
  from_stage: LifecycleStage | null
  to_stage: LifecycleStage
  reason: string | null
  changed_at: string
}

// Scoring requests

export interface ScoringRuleListParams {
  limit?: number
  offset?: number
  kind?: ScoringRuleKind
  active?: boolean
}

export interface ScoringRuleFields {
  name: string
  description?: string | null
  kind: ScoringRuleKind
  /** Required for engagement and loyalty rules, left out for fit rules. */
  event_type?: string
  conditions?: ConditionNode | null
  points: number
  /** Both cap fields or neither; fit rules have no cap. */
  cap_count?: number | null
  cap_period?: CapPeriod | null
  active?: boolean
}

export interface CreateScoringRuleBody extends ScoringRuleFields {
  /** Also score the stored events (rebuilds every score in the background). */
  apply_to_history?: boolean
}

export interface UpdateScoringRuleBody
  extends Partial<Omit<ScoringRuleFields, "event_type">> {
  /** Null clears it, when a rule becomes a fit rule. */
  event_type?: string | null
  apply_to_history?: boolean
}

export interface ScoringPreviewBody {
  kind: ScoringRuleKind
  event_type?: string
  conditions?: ConditionNode | null
}

export interface ScoringFieldsParams {
  kind: ScoringRuleKind
  event_type?: string
}

export type UpdateScoringSettingsBody = Partial<ScoringSettingsFields>

export interface ScoreHistoryParams {
  limit?: number
  offset?: number
  score?: ScoreKind
}

// Scoring responses

export interface ScoringRuleListResponse extends PageInfo {
  scoring_rules: ScoringRule[]
}

export interface ScoringRuleResponse {
  scoring_rule: ScoringRule
}

export interface ScoringRuleMutationResponse {
  scoring_rule: ScoringRule
  /** The rebuild started by `apply_to_history`, if any. */
  recompute: Recompute | null
}

export interface ScoringRuleDeleteResponse {
  id: string
  deleted: true
  recompute: Recompute | null
}

export interface ScoringPreviewResponse {
  /** Contacts the rule would affect. */
  count: number
}

export interface ScoringFieldsResponse {
  fields: ScoringField[]
  event_types: string[]
}

export interface ScoringSettingsResponse {
  scoring_settings: ScoringSettings
}

export interface RecomputeResponse {
  recompute: Recompute
}

export interface ScoringOverviewResponse {
  acquisition_histogram: HistogramBucket[]
  loyalty_histogram: HistogramBucket[]
  stages: { stage: LifecycleStage | (string & {}); count: number }[]
  rfm_groups: { group: RfmGroup | (string & {}); count: number }[]
  /** All contacts. */
  contacts: number
}

export interface ScoreHistoryResponse {
  entries: ScoreEntry[]
  count: number
  offset: number
  limit: number
  summary: ScoreSummary
}

export interface StageHistoryResponse {
  changes: StageChange[]
}

