import { useMutation, useQueryClient } from "@tanstack/react-query"
import {
  contactQueryKeys,
  scoringQueryKeys,
  scoringRuleQueryKeys,
} from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  CreateScoringRuleBody,
  RecomputeResponse,
  ScoreHistoryParams,
  ScoreHistoryResponse,
  ScoringFieldsParams,
  ScoringFieldsResponse,
  ScoringOverviewResponse,
  ScoringPreviewBody,
  ScoringPreviewResponse,
  ScoringRuleDeleteResponse,
  ScoringRuleListParams,
  ScoringRuleListResponse,
  ScoringRuleMutationResponse,
  ScoringRuleResponse,
  ScoringSettingsResponse,
  StageHistoryResponse,
  UpdateScoringRuleBody,
  UpdateScoringSettingsBody,
} from "../../lib/types"
import {
  clean,
  path,
  resourceRequests,
  retryUnless404,
  useInvalidatingMutation,
  useListQuery,
  usePagedQuery,
  useQueryById,
  useRecordQuery,
  previewHook,
  type MutationOptions,
  queryHook,
  type QueryOptions,
} from "./utils"

const RULES = "/admin/marketing/scoring-rules"
const SETTINGS = "/admin/marketing/scoring-settings"
const SCORING = "/admin/marketing/scoring"
const CONTACTS = "/admin/marketing/contacts"

// Requests

const rules = resourceRequests<{
  params: ScoringRuleListParams
  list: ScoringRuleListResponse
  record: ScoringRuleResponse
  create: CreateScoringRuleBody
  update: UpdateScoringRuleBody
  saved: ScoringRuleMutationResponse
  deleted: ScoringRuleDeleteResponse
}>(RULES)

export const fetchScoringRules = rules.list
export const fetchScoringRule = rules.retrieve
export const createScoringRule = rules.create
export const updateScoringRule = rules.update

export const deleteScoringRule = (
  id: string,
  query?: { apply_to_history?: boolean }
) =>
  rules.remove(
    id,
    query?.apply_to_history ? { apply_to_history: true } : undefined
  )

export const previewScoringRule = (body: ScoringPreviewBody) =>
  sdk.client.fetch<ScoringPreviewResponse>(`${RULES}/preview`, {
    method: "POST",
    body,
  })

export const fetchScoringFields = (query: ScoringFieldsParams) =>
  sdk.client.fetch<ScoringFieldsResponse>(`${RULES}/fields`, {
    query: clean(query),
  })

export const fetchScoringSettings = () =>
  sdk.client.fetch<ScoringSettingsResponse>(SETTINGS)

export const updateScoringSettings = (body: UpdateScoringSettingsBody) =>
  sdk.client.fetch<ScoringSettingsResponse>(SETTINGS, {
    method: "POST",
    body,
  })

export const fetchScoringOverview = () =>
  sdk.client.fetch<ScoringOverviewResponse>(`${SCORING}/overview`)

export const startRecompute = () =>
  sdk.client.fetch<RecomputeResponse>(`${SCORING}/recompute`, {
    method: "POST",
  })

export const fetchRecompute = (id: string) =>
  sdk.client.fetch<RecomputeResponse>(path(`${SCORING}/recomputes`, id))

export const fetchContactScoreHistory = (
  id: string,
  query?: ScoreHistoryParams
) =>
  sdk.client.fetch<ScoreHistoryResponse>(path(CONTACTS, id, "/score-history"), {
    query: clean(query),
  })

export const fetchContactStageHistory = (id: string) =>
  sdk.client.fetch<StageHistoryResponse>(path(CONTACTS, id, "/stage-history"))

// Rules

/** A page of scoring rules; keeps the previous page on screen while paging. */
export const useScoringRules = (
  query?: ScoringRuleListParams,
  options?: QueryOptions<ScoringRuleListResponse>
) =>
  useListQuery(
    { key: scoringRuleQueryKeys.list, fetch: fetchScoringRules },
    query,
    options
  )

export const useScoringRule = (
  id: string | undefined,
  options?: QueryOptions<ScoringRuleResponse>
) =>
  useRecordQuery(
    id,
    { key: (id) => scoringRuleQueryKeys.detail(id), fetch: fetchScoringRule },
    options
  )

/** Rules change counts and, with `apply_to_history`, every score. */
const RULE_CHANGES = [scoringRuleQueryKeys.all, scoringQueryKeys.overview()]

export const useCreateScoringRule = (
  options?: MutationOptions<ScoringRuleMutationResponse, CreateScoringRuleBody>
) => useInvalidatingMutation(createScoringRule, RULE_CHANGES, options)

export const useUpdateScoringRule = (
  id: string,
  options?: MutationOptions<ScoringRuleMutationResponse, UpdateScoringRuleBody>
) =>
  useInvalidatingMutation(
    (body: UpdateScoringRuleBody) => updateScoringRule(id, body),
    RULE_CHANGES,
    options
  )

export const useDeleteScoringRule = (
  id: string,
  options?: MutationOptions<
    ScoringRuleDeleteResponse,
    { apply_to_history?: boolean } | void
  >
) =>
  useInvalidatingMutation(
    (query: { apply_to_history?: boolean } | void) =>
      deleteScoringRule(id, query ?? undefined),
    RULE_CHANGES,
    options
  )

/** How many contacts a rule being edited would affect. */
export const useScoringRulePreview = previewHook({
  key: scoringRuleQueryKeys.preview,
  fetch: previewScoringRule,
})

/** The fields a rule's conditions may use, and the known event types. */
export const useScoringFields = (
  query: ScoringFieldsParams,
  options?: QueryOptions<ScoringFieldsResponse>
) =>
  useListQuery(
    {
      key: scoringRuleQueryKeys.fields,
      fetch: (cleaned) => fetchScoringFields(cleaned as ScoringFieldsParams),
    },
    query,
    options,
    { staleTime: 5 * 60_000 }
  )

// Settings and overview

export const useScoringSettings = queryHook(
  scoringQueryKeys.settings(),
  fetchScoringSettings
)

export const useUpdateScoringSettings = (
  options?: MutationOptions<ScoringSettingsResponse, UpdateScoringSettingsBody>
) =>
  useInvalidatingMutation(
    updateScoringSettings,
    // Thresholds move contacts between stages.
    [scoringQueryKeys.overview(), contactQueryKeys.all],
    options,
    { set: () => scoringQueryKeys.settings() }
  )

/** Score distributions, contacts per stage and per RFM group. */
export const useScoringOverview = queryHook(
  scoringQueryKeys.overview(),
  fetchScoringOverview
)

// Recomputes

/** Starts a rebuild; the page follows it with `useRecompute`. */
export const useStartRecompute = (
  options?: MutationOptions<RecomputeResponse, void>
) =>
  useMutation({
    ...options,
    mutationFn: () => startRecompute(),
  })

export const RECOMPUTE_POLL_MS = 1000

/** A recompute, polled every second while it runs. */
export const useRecompute = (
  id: string | null | undefined,
  options?: QueryOptions<RecomputeResponse>
) =>
  useRecordQuery(
    id,
    { key: scoringQueryKeys.recompute, fetch: fetchRecompute },
    options,
    {
      retry: retryUnless404(2),
      refetchInterval: (query) =>
        query.state.status !== "error" &&
        (!query.state.data || query.state.data.recompute?.status === "running")
          ? RECOMPUTE_POLL_MS
          : false,
    }
  )

/** After a rebuild every score, stage and ledger may have changed. */
export const useInvalidateScores = () => {
  const queryClient = useQueryClient()
  return () => {
    for (const queryKey of [
      scoringQueryKeys.overview(),
      scoringQueryKeys.settings(),
      scoringQueryKeys.scoreHistories(),
      scoringQueryKeys.stageHistories(),
      contactQueryKeys.all,
    ]) {
      queryClient.invalidateQueries({ queryKey })
    }
  }
}

// A contact's scores

const DEFAULT_HISTORY_PAGE_SIZE = 20

/**
 * A contact's score ledger, newest first, one page at a time:
 * `fetchNextPage()` loads the next page ("Load more"); `entries` holds every
 * page loaded so far and `summary` the contact's current scores.
 */
export const useContactScoreHistory = (
  id: string | undefined,
  query?: Omit<ScoreHistoryParams, "offset">,
  options?: { enabled?: boolean }
) => {
  const limit = query?.limit ?? DEFAULT_HISTORY_PAGE_SIZE
  const params = clean({ ...query, limit })

  const result = usePagedQuery<ScoreHistoryResponse>(
    scoringQueryKeys.scoreHistory(id ?? "", params),
    (offset) => fetchContactScoreHistory(id!, { ...params, offset }),
    (page) => page.entries,
    { enabled: !!id && (options?.enabled ?? true) }
  )

  const pages = result.data?.pages ?? []
  const entries = pages.flatMap((page) => page.entries ?? [])
  const last = pages.length ? pages[pages.length - 1] : undefined

  return { ...result, entries, count: last?.count, summary: last?.summary }
}

/** Every lifecycle stage change of a contact, newest first. */
export const useContactStageHistory = (
  id: string | undefined,
  options?: QueryOptions<StageHistoryResponse>
) =>
  useQueryById(
    id,
    { key: scoringQueryKeys.stageHistory, fetch: fetchContactStageHistory },
    options
  )
