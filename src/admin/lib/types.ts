/**
 * Shapes of the plugin's admin API (`/admin/marketing/*`) as the admin UI
 * consumes them. Dates arrive as ISO strings.
 */

export type ConsentStatus = "unknown" | "pending" | "granted" | "denied"

export type DeviceType = "desktop" | "mobile" | "tablet" | "other"

export type EventSource = "storefront" | "medusa" | "email"

export type ContactOrder =
  | "last_seen_at"
  | "-last_seen_at"
  | "first_seen_at"
  | "-first_seen_at"
  | "email"
  | "-email"
  | "created_at"
  | "-created_at"
  | "acquisition_score"
  | "-acquisition_score"
  | "loyalty_score"
  | "-loyalty_score"

export type LifecycleStage =
  | "subscriber"
  | "lead"
  | "marketing_qualified"
  | "sales_ready"
  | "customer"
  | "repeat_customer"
  | "vip"
  | "at_risk"
  | "lost"

export type RfmGroup =
  | "Champions"
  | "Loyal"
  | "Potential loyalist"
  | "New customer"
  | "Promising"
  | "Need attention"
  | "At risk"
  | "Can't lose them"
  | "Hibernating"
  | "Lost"

export interface Contact {
  id: string
  customer_id: string | null
  email: string | null
  first_name: string | null
  last_name: string | null
  phone: string | null
  first_seen_at: string
  last_seen_at: string
  cart_id: string | null

  // Identity
  birth_date: string | null
  age_band: string | null
  gender: string | null
  occupation: string | null
  country_code: string | null
  city: string | null
  locale: string | null
  timezone: string | null

  // Technographics
  device_type: DeviceType | null
  os: string | null
  browser: string | null

  // Acquisition
  first_utm_source: string | null
  first_utm_medium: string | null
  first_utm_campaign: string | null
  last_utm_source: string | null
  last_utm_medium: string | null
  last_utm_campaign: string | null
  referrer: string | null
  landing_page: string | null

  // Consent
  analytics_consent: ConsentStatus
  analytics_consent_source: string | null
  analytics_consent_at: string | null
  email_marketing_consent: ConsentStatus
  email_marketing_consent_source: string | null
  email_marketing_consent_at: string | null

  // Scores
  /** Engagement (decayed) plus fit. */
  acquisition_score: number
  engagement_score: number
  fit_score: number
  /** RFM-based, plus the points of loyalty rules. */
  loyalty_score: number
  loyalty_points: number
  lifecycle_stage: LifecycleStage
  lifecycle_stage_at: string | null
  /** 1..5, or null before the contact's first order. */
  rfm_recency: number | null
  rfm_frequency: number | null
  rfm_monetary: number | null
  rfm_group: RfmGroup | null
  order_count: number
  /** In the store's main currency unit. */
  total_spent: number
  last_order_at: string | null

  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

export interface Visitor {
  id: string
  anonymous_id: string
  created_at: string
}

export interface ContactWithVisitors extends Contact {
  visitors: Visitor[]
}

/**
 * Known event types. Storefront and Medusa events have fixed names; stores
 * can send their own as `custom:<name>`, and later features add more, so any
 * string is accepted.
 */
export type KnownEventType =
  | "product_viewed"
  | "category_viewed"
  | "page_viewed"
  | "search_performed"
  | "product_added_to_cart"
  | "checkout_started"
  | "identify"
  | "customer_created"
  | "customer_updated"
  | "cart_created"
  | "cart_updated"
  | "order_placed"
  | "order_canceled"

export type EventType = KnownEventType | `custom:${string}` | (string & {})

export interface MarketingEvent {
  id: string
  type: EventType
  properties: Record<string, unknown>
  occurred_at: string
  received_at: string
  session_id: string | null
  source: EventSource
}

// Requests

export interface ContactListParams {
  limit?: number
  offset?: number
  order?: ContactOrder
  /** Email contains, case-insensitive. */
  q?: string
  customer_id?: string
  /** Two letters, lowercase. */
  country_code?: string
  device_type?: DeviceType
  /** Matches the first or the last utm source. */
  source?: string
  known?: "true" | "false"
  /** ISO date-time. */
  last_seen_after?: string
  /** ISO date-time. */
  last_seen_before?: string
  lifecycle_stage?: LifecycleStage
  rfm_group?: RfmGroup
  min_acquisition_score?: number
  max_acquisition_score?: number
  min_loyalty_score?: number
}

export interface ContactEventListParams {
  limit?: number
  offset?: number
  type?: string
}

// Responses

export interface ContactListResponse {
  contacts: Contact[]
  count: number
  offset: number
  limit: number
}

export interface ContactResponse {
  contact: ContactWithVisitors
  /** The first 20 events, newest first. */
  events: MarketingEvent[]
  events_count: number
}

export interface ContactEventListResponse {
  events: MarketingEvent[]
  count: number
  offset: number
  limit: number
}

// Scoring

export type ScoringRuleKind = "engagement" | "fit" | "loyalty"

export type CapPeriod = "day" | "week" | "ever"

export type ConditionFieldType = "string" | "number" | "date" | "enum" | "boolean"

export type ConditionOperator =
  | "eq"
  | "neq"
  | "in"
  | "not_in"
  | "contains"
  | "starts_with"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "between"
  | "exists"
  | "not_exists"
  | "within_last"
  | "before_last"
  | "within_next"
  | "anniversary_within_next"

/** One test of one field. `value` is absent for exists / not_exists. */
export interface ConditionLeaf {
  field: string
  operator: ConditionOperator
  /** A scalar, a list (in, not_in), a pair (between) or `{ days }`. */
  value?: unknown
}

/** A condition tree, as stored on rules and segments. */
export type ConditionNode =
  | { and: ConditionNode[] }
  | { or: ConditionNode[] }
  | { not: ConditionNode }
  | ConditionLeaf

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

export interface ScoringSettings {
  half_life_days: number
  lead_threshold: number
  marketing_qualified_threshold: number
  sales_ready_threshold: number
  repeat_customer_orders: number
  vip_loyalty_score: number
  inactivity_days: number
  sales_notification_email: string | null
  sales_notification_feed: boolean
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

export interface ScoreSummary {
  acquisition_score: number
  engagement_score: number
  fit_score: number
  loyalty_score: number
  loyalty_points: number
  lifecycle_stage: LifecycleStage
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

export type UpdateScoringSettingsBody = Partial<
  Omit<ScoringSettings, "rfm_computed_at">
>

export interface ScoreHistoryParams {
  limit?: number
  offset?: number
  score?: ScoreKind
}

// Scoring responses

export interface ScoringRuleListResponse {
  scoring_rules: ScoringRule[]
  count: number
  offset: number
  limit: number
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

// Segments

export type CountOperator = "gte" | "lte" | "eq"

export type PurchaseMetric = "order_count" | "total_spent" | "average_order_value"

export type PurchaseOperator = "gte" | "gt" | "lte" | "lt" | "eq"

/** A contact field (or an event property) a segment condition may test. */
export interface SegmentField extends ScoringField {
  /** The operators the server accepts for this field. */
  operators: ConditionOperator[]
}

export interface SegmentEventType {
  type: string
  /** Fields named `properties.<name>`. */
  properties: SegmentField[]
}

/** Contacts who did something (count times, in the last days or ever). */
export interface SegmentEventCondition {
  event: {
    type: string
    /** Leaves over `properties.<name>` of that event type. */
    where?: SegmentNode
    /** Default: at least once. */
    count?: { operator: CountOperator; value: number }
    /** Absent: ever. */
    within_days?: number
  }
}

export interface SegmentPurchaseCondition {
  purchase: {
    metric: PurchaseMetric
    operator: PurchaseOperator
    value: number
    /** Required for money metrics. */
    currency_code?: string
    product_id?: string
    category_id?: string
    within_days?: number
  }
}

export interface SegmentMembershipCondition {
  segment: string
}

export interface CustomerGroupCondition {
  customer_group: string
}

export interface TopSpendersCondition {
  top_spenders: { percent: number }
}

export type SegmentLeaf =
  | ConditionLeaf
  | SegmentEventCondition
  | SegmentPurchaseCondition
  | SegmentMembershipCondition
  | CustomerGroupCondition
  | TopSpendersCondition

/** A segment's definition: groups over contact, behaviour and purchase tests. */
export type SegmentNode =
  | { and: SegmentNode[] }
  | { or: SegmentNode[] }
  | { not: SegmentNode }
  | SegmentLeaf

export interface SegmentTrendPoint {
  /** YYYY-MM-DD */
  day: string
  count: number
}

export interface Segment {
  id: string
  name: string
  description: string | null
  definition: SegmentNode
  /** Set on segments added from the built-in list. */
  built_in_key: string | null
  mirror_to_customer_group: boolean
  customer_group_id: string | null
  member_count: number
  /** Null until the members were computed the first time. */
  built_at: string | null
  /** Members per day over the last 30 days, oldest first. */
  trend: SegmentTrendPoint[]
  created_at: string
  updated_at: string
}

export type SegmentContact = Pick<
  Contact,
  | "id"
  | "email"
  | "first_name"
  | "last_name"
  | "customer_id"
  | "acquisition_score"
  | "loyalty_score"
  | "lifecycle_stage"
>

export interface SegmentMember extends SegmentContact {
  entered_at: string
}

export interface BuiltInSegment {
  key: string
  name: string
  description: string
  group: string
  definition: SegmentNode
  /** Already added to the store. */
  added: boolean
  segment_id: string | null
}

export interface ContactSegment {
  id: string
  name: string
  entered_at: string
}

// Segment requests

export interface SegmentListParams {
  limit?: number
  offset?: number
  q?: string
}

export interface SegmentMemberListParams {
  limit?: number
  offset?: number
}

export interface CreateSegmentBody {
  name: string
  description?: string | null
  definition: SegmentNode
  mirror_to_customer_group?: boolean
}

export type UpdateSegmentBody = Partial<CreateSegmentBody>

export interface SegmentPreviewBody {
  definition: SegmentNode
}

// Segment responses

export interface SegmentListResponse {
  segments: Segment[]
  count: number
  offset: number
  limit: number
}

export interface SegmentResponse {
  segment: Segment
}

export interface SegmentDeleteResponse {
  id: string
  object: "segment"
  deleted: true
}

export interface SegmentMemberListResponse {
  contacts: SegmentMember[]
  count: number
  offset: number
  limit: number
}

export interface SegmentPreviewResponse {
  count: number
  /** Up to 20 of them. */
  contacts: SegmentContact[]
}

export interface SegmentFieldsResponse {
  fields: SegmentField[]
  event_types: SegmentEventType[]
  purchase_metrics: PurchaseMetric[]
  count_operators: CountOperator[]
}

export interface BuiltInSegmentListResponse {
  built_ins: BuiltInSegment[]
}

export interface ContactSegmentListResponse {
  segments: ContactSegment[]
}

// Email templates

export type TemplateLayout = "marketing" | "internal" | "none"

/** The body is HTML or MJML; exactly one of `html` and `mjml` is set. */
export type TemplateBodyFormat = "html" | "mjml"

export interface EmailTemplate {
  id: string
  name: string
  description: string | null
  /** One line, Handlebars. */
  subject: string
  html: string | null
  mjml: string | null
  /** Plain-text body; derived from the HTML when empty. */
  text: string | null
  layout: TemplateLayout
  /** The starter this template was installed from. */
  starter_key: string | null
  metadata: Record<string, unknown> | null
  created_at: string
  updated_at: string
}

/** A documented render variable, for the editor's picker. */
export interface TemplateVariable {
  /** e.g. `contact.first_name`. */
  path: string
  description: string
  /** Its value in the sample context. */
  example: unknown
}

export interface StarterTemplate {
  key: string
  name: string
  description: string
  /** Set when the server says whether it is installed already. */
  installed?: boolean
}

/** The editable fields, as sent to create, update and preview. */
export interface TemplateFields {
  name: string
  description?: string | null
  subject: string
  html?: string | null
  mjml?: string | null
  text?: string | null
  layout?: TemplateLayout
}

export interface TemplateListParams {
  limit?: number
  offset?: number
  /** Name contains, case-insensitive. */
  q?: string
}

export type CreateTemplateBody = TemplateFields

export type UpdateTemplateBody = Partial<TemplateFields>

export interface TemplatePreviewInput {
  /** Render for this contact instead of the sample one. */
  contact_id?: string
  data?: Record<string, unknown>
}

export interface TemplatePreviewBody extends TemplatePreviewInput {
  /** The unsaved fields (the name is optional). */
  template: Partial<TemplateFields> & { subject: string }
}

export interface TestSendBody {
  to: string
  contact_id?: string
  data?: Record<string, unknown>
}

export interface TemplateListResponse {
  templates: EmailTemplate[]
  count: number
  offset: number
  limit: number
}

export interface TemplateResponse {
  template: EmailTemplate
}

export interface TemplateDeleteResponse {
  id: string
  object: "template"
  deleted: true
}

export interface TemplatePreviewResponse {
  subject: string
  html: string
  text: string
}

export interface TemplateVariablesResponse {
  variables: TemplateVariable[]
  helpers: string[]
  partials: string[]
}

export interface StarterTemplateListResponse {
  starters: StarterTemplate[]
}

export interface InstallStartersResponse {
  /** The templates installed now (starters already installed are skipped). */
  templates: EmailTemplate[]
}

// Messages (emails sent to contacts)

export type MessageStatus =
  | "queued"
  | "sent"
  | "failed"
  | "bounced"
  | "complained"
  | "suppressed"
  | (string & {})

export interface Message {
  id: string
  contact_id: string | null
  template_id: string | null
  kind: "marketing" | "transactional" | (string & {})
  topic: string | null
  email: string
  subject: string | null
  status: MessageStatus
  error: string | null
  attempts: number
  queued_at: string
  sent_at: string | null
  opened_at: string | null
  clicked_at: string | null
  open_count: number
  click_count: number
  bounced_at: string | null
  complained_at: string | null
}

export interface MessageListParams {
  contact_id?: string
  template_id?: string
  status?: string
  limit?: number
  offset?: number
}

export interface MessageListResponse {
  messages: Message[]
  count: number
  offset: number
  limit: number
}

/** The outcome of a test send: the message row it created. */
export interface TestSendResponse {
  message: Pick<Message, "id" | "status" | "email" | "subject" | "error" | "sent_at">
}

// Consent history and personal data

export interface ConsentRecord {
  id: string
  status: "pending" | "granted" | "denied"
  source: string
  ip_address: string | null
  user_agent: string | null
  occurred_at: string
}

export interface ConsentRecordListResponse {
  consent_records: ConsentRecord[]
}

export interface ContactEraseResponse {
  id: string
  object: "contact"
  deleted: true
  /** The person's contact ids: theirs and the ones merged into it. */
  contact_ids?: string[]
  /** Rows deleted, by table. */
  counts?: Record<string, number>
  suppressions_added?: number
}
