/**
 * Query keys for react-query, one factory per resource, so a mutation can
 * invalidate "all lists" or "one detail" of a resource without knowing the
 * exact parameters each screen used. Everything about one record (its
 * members, events...) nests under `one(id)`, so changing or deleting the
 * record reaches all of it with that one key.
 */
const PREFIX = "marketing"

export const queryKeysFactory = <TScope extends string>(scope: TScope) => {
  const all = [PREFIX, scope] as const

  return {
    all,
    lists: () => [...all, "list"] as const,
    list: (query?: object) => [...all, "list", query ?? {}] as const,
    details: () => [...all, "detail"] as const,
    /** The prefix of every key about one record. */
    one: (id: string) => [...all, "detail", id] as const,
    detail: (id: string, query?: object) =>
      [...all, "detail", id, query ?? {}] as const,
  }
}

const contactKeys = queryKeysFactory("contact")

export const contactQueryKeys = {
  ...contactKeys,
  events: (id: string, query?: object) =>
    [...contactKeys.one(id), "events", query ?? {}] as const,
  /** The contact's consent history. */
  consent: (id: string) => [...contactKeys.one(id), "consent"] as const,
  /** The contact's sessions and engaged time. */
  sessions: (id: string) => [...contactKeys.one(id), "sessions"] as const,
}

export const scoringRuleQueryKeys = {
  ...queryKeysFactory("scoring_rule"),
  fields: (query?: object) =>
    [PREFIX, "scoring_rule", "fields", query ?? {}] as const,
  preview: (body?: object) =>
    [PREFIX, "scoring_rule", "preview", body ?? {}] as const,
}

export const scoringQueryKeys = {
  all: [PREFIX, "scoring"] as const,
  settings: () => [PREFIX, "scoring", "settings"] as const,
  overview: () => [PREFIX, "scoring", "overview"] as const,
  recompute: (id: string) => [PREFIX, "scoring", "recompute", id] as const,
  // Every contact's ledger and stage changes sit under one key: a rebuild
  // changes them all.
  scoreHistories: () => [PREFIX, "scoring", "score-history"] as const,
  scoreHistory: (contactId: string, query?: object) =>
    [PREFIX, "scoring", "score-history", contactId, query ?? {}] as const,
  stageHistories: () => [PREFIX, "scoring", "stage-history"] as const,
  stageHistory: (contactId: string) =>
    [PREFIX, "scoring", "stage-history", contactId] as const,
}

const segmentKeys = queryKeysFactory("segment")

export const segmentQueryKeys = {
  ...segmentKeys,
  members: (id: string, query?: object) =>
    [...segmentKeys.one(id), "members", query ?? {}] as const,
  preview: (body?: object) =>
    [PREFIX, "segment", "preview", body ?? {}] as const,
  fields: () => [PREFIX, "segment", "fields"] as const,
  builtIns: () => [PREFIX, "segment", "built-ins"] as const,
  /** The segments one contact is in: any segment's change can change it. */
  ofContact: (contactId: string) =>
    [PREFIX, "segment", "of-contact", contactId] as const,
}

/** Medusa's own resources the marketing pages read. */
export const storeQueryKeys = {
  customerGroupLists: () => [PREFIX, "store", "customer-groups"] as const,
  customerGroups: (query?: object) =>
    [PREFIX, "store", "customer-groups", query ?? {}] as const,
  currencies: () => [PREFIX, "store", "currencies"] as const,
  /** The signed-in admin user. */
  me: () => [PREFIX, "store", "me"] as const,
}

const templateKeys = queryKeysFactory("template")

export const templateQueryKeys = {
  ...templateKeys,
  preview: (body?: object) =>
    [PREFIX, "template", "preview", body ?? {}] as const,
  /** A saved template's render, under its `one(id)`: saving it makes it stale. */
  savedPreview: (id: string) => [...templateKeys.one(id), "preview"] as const,
  variables: () => [PREFIX, "template", "variables"] as const,
  starters: () => [PREFIX, "template", "starters"] as const,
}

/** Emails sent (or queued) to contacts. */
export const messageQueryKeys = queryKeysFactory("message")

/** A contact's consent history, kept under the contact's own key. */
export const consentQueryKeys = {
  ofContact: contactQueryKeys.consent,
}

const flowKeys = queryKeysFactory("flow")

/** Flows; a flow's versions, numbers and enrollments nest under its `one(id)`. */
export const flowQueryKeys = {
  ...flowKeys,
  versions: (id: string) => [...flowKeys.one(id), "versions"] as const,
  stats: (id: string, versionId?: string) =>
    [...flowKeys.one(id), "stats", versionId ?? "all"] as const,
  enrollmentLists: (id: string) => [...flowKeys.one(id), "enrollments"] as const,
  enrollments: (id: string, query?: object) =>
    [...flowKeys.one(id), "enrollments", query ?? {}] as const,
  enrollment: (id: string, enrollmentId: string) =>
    [...flowKeys.one(id), "enrollment", enrollmentId] as const,
  recipes: () => [PREFIX, "flow", "recipes"] as const,
  /** Every contact's flows: enrolling a segment or archiving a flow changes many. */
  ofContacts: () => [PREFIX, "flow", "of-contact"] as const,
  ofContact: (contactId: string, query?: object) =>
    [PREFIX, "flow", "of-contact", contactId, query ?? {}] as const,
}

const reportKeys = queryKeysFactory("report")

/** The reports (dashboard, a flow's performance): read only, keyed by their query. */
export const reportQueryKeys = {
  ...reportKeys,
  flows: (query?: object) => [...reportKeys.all, "flows", query ?? {}] as const,
  flow: (id: string, query?: object) => [...reportKeys.all, "flow", id, query ?? {}] as const,
  messages: (query?: object) => [...reportKeys.all, "messages", query ?? {}] as const,
  revenue: (query?: object) => [...reportKeys.all, "revenue", query ?? {}] as const,
  funnel: (query?: object) => [...reportKeys.all, "funnel", query ?? {}] as const,
  channels: (query?: object) => [...reportKeys.all, "channels", query ?? {}] as const,
}

/**
 * Predictions: the overview and every contact's figures sit under one prefix,
 * since a fit rewrites them all.
 */
export const predictionQueryKeys = {
  all: [PREFIX, "prediction"] as const,
  overview: () => [PREFIX, "prediction", "overview"] as const,
  ofContact: (contactId: string) => [PREFIX, "prediction", "of-contact", contactId] as const,
}

const formKeys = queryKeysFactory("form")

/** Signup forms; a form's submissions nest under its `one(id)`. */
export const formQueryKeys = {
  ...formKeys,
  submissions: (id: string, query?: object) =>
    [...formKeys.one(id), "submissions", query ?? {}] as const,
}
