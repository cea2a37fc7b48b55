/**
 * Query keys for react-query, one factory per resource, so a mutation can
 * invalidate "all lists" or "one detail" of a resource without knowing the
 * exact parameters each screen used.
 */
const PREFIX = "marketing"

export const queryKeysFactory = <TScope extends string>(scope: TScope) => {
  const all = [PREFIX, scope] as const

  return {
    all,
    lists: () => [...all, "list"] as const,
    list: (query?: object) => [...all, "list", query ?? {}] as const,
    details: () => [...all, "detail"] as const,
    detail: (id: string, query?: object) =>
      [...all, "detail", id, query ?? {}] as const,
  }
}

export const contactQueryKeys = {
  ...queryKeysFactory("contact"),
  events: (id: string, query?: object) =>
    [PREFIX, "contact", "events", id, query ?? {}] as const,
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
  scoreHistory: (contactId: string, query?: object) =>
    [PREFIX, "scoring", "score-history", contactId, query ?? {}] as const,
  stageHistory: (contactId: string) =>
    [PREFIX, "scoring", "stage-history", contactId] as const,
}

export const segmentQueryKeys = {
  ...queryKeysFactory("segment"),
  members: (id: string, query?: object) =>
    [PREFIX, "segment", "members", id, query ?? {}] as const,
  preview: (body?: object) =>
    [PREFIX, "segment", "preview", body ?? {}] as const,
  fields: () => [PREFIX, "segment", "fields"] as const,
  builtIns: () => [PREFIX, "segment", "built-ins"] as const,
  /** The segments one contact is in. */
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

export const templateQueryKeys = {
  ...queryKeysFactory("template"),
  preview: (body?: object) =>
    [PREFIX, "template", "preview", body ?? {}] as const,
  variables: () => [PREFIX, "template", "variables"] as const,
  starters: () => [PREFIX, "template", "starters"] as const,
}

/** Emails sent (or queued) to contacts. */
export const messageQueryKeys = queryKeysFactory("message")

/** A contact's consent history. */
export const consentQueryKeys = {
  all: [PREFIX, "consent"] as const,
  ofContact: (contactId: string) =>
    [PREFIX, "consent", "of-contact", contactId] as const,
}
