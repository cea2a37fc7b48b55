import { FetchError } from "@medusajs/js-sdk"
import {
  InfiniteData,
  QueryKey,
  UseMutationOptions,
  UseQueryOptions,
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { useMemo } from "react"
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
import { useDebouncedValue } from "../use-debounced-value"
import { clean } from "./contacts"

const RULES = "/admin/marketing/scoring-rules"
const SETTINGS = "/admin/marketing/scoring-settings"
const SCORING = "/admin/marketing/scoring"
const CONTACTS = "/admin/marketing/contacts"

type QueryOptions<TResponse> = Omit<
  UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
  "queryKey" | "queryFn"
>

type MutationOptions<TResponse, TVariables> = Omit<
  UseMutationOptions<TResponse, FetchError, TVariables>,
  "mutationFn"
>

const path = (base: string, id: string, suffix = "") =>
  `${base}/${encodeURIComponent(id)}${suffix}`

// Requests

export const fetchScoringRules = (query?: ScoringRuleListParams) =>
  sdk.client.fetch<ScoringRuleListResponse>(RULES, { query: clean(query) })

export const fetchScoringRule = (id: string) =>
  sdk.client.fetch<ScoringRuleResponse>(path(RULES, id))

export const createScoringRule = (body: CreateScoringRuleBody) =>
  sdk.client.fetch<ScoringRuleMutationResponse>(RULES, {
    method: "POST",
    body,
  })

export const updateScoringRule = (id: string, body: UpdateScoringRuleBody) =>
  sdk.client.fetch<ScoringRuleMutationResponse>(path(RULES, id), {
    method: "POST",
    body,
  })

export const deleteScoringRule = (
  id: string,
  query?: { apply_to_history?: boolean }
) =>
  sdk.client.fetch<ScoringRuleDeleteResponse>(path(RULES, id), {
    method: "DELETE",
    query: query?.apply_to_history ? { apply_to_history: true } : undefined,
  })

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
) => {
  const cleaned = clean(query)
  const { data, ...rest } = useQuery({
    queryKey: scoringRuleQueryKeys.list(cleaned),
    queryFn: () => fetchScoringRules(cleaned),
    placeholderData: keepPreviousData,
    ...options,
  })

  return { ...data, ...rest }
}

export const useScoringRule = (
  id: string | undefined,
  options?: QueryOptions<ScoringRuleResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: scoringRuleQueryKeys.detail(id ?? ""),
    queryFn: () => fetchScoringRule(id!),
    retry: (failureCount, error) => error?.status !== 404 && failureCount < 1,
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

/** Rules change counts and, with `apply_to_history`, every score. */
const useInvalidateAfterRuleChange = () => {
  const queryClient = useQueryClient()
  return () => {
    queryClient.invalidateQueries({ queryKey: scoringRuleQueryKeys.all })
    queryClient.invalidateQueries({ queryKey: scoringQueryKeys.overview() })
  }
}

export const useCreateScoringRule = (
  options?: MutationOptions<ScoringRuleMutationResponse, CreateScoringRuleBody>
) => {
  const invalidate = useInvalidateAfterRuleChange()
  return useMutation({
    ...options,
    mutationFn: (body: CreateScoringRuleBody) => createScoringRule(body),
    onSuccess: (data, variables, context) => {
      invalidate()
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const useUpdateScoringRule = (
  id: string,
  options?: MutationOptions<ScoringRuleMutationResponse, UpdateScoringRuleBody>
) => {
  const invalidate = useInvalidateAfterRuleChange()
  return useMutation({
    ...options,
    mutationFn: (body: UpdateScoringRuleBody) => updateScoringRule(id, body),
    onSuccess: (data, variables, context) => {
      invalidate()
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const useDeleteScoringRule = (
  id: string,
  options?: MutationOptions<
    ScoringRuleDeleteResponse,
    { apply_to_history?: boolean } | void
  >
) => {
  const invalidate = useInvalidateAfterRuleChange()
  return useMutation({
    ...options,
    mutationFn: (query: { apply_to_history?: boolean } | void) =>
      deleteScoringRule(id, query ?? undefined),
    onSuccess: (data, variables, context) => {
      invalidate()
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const PREVIEW_DEBOUNCE_MS = 400

/**
 * How many contacts a rule being edited would affect. The request follows
 * the editor 400 ms after the last change; pass `undefined` while the rule is
 * incomplete. `isDebouncing` is true while a newer rule waits for its turn.
 */
export const useScoringRulePreview = (
  body: ScoringPreviewBody | undefined,
  options?: { enabled?: boolean }
) => {
  const serialized = body ? JSON.stringify(body) : ""
  const debounced = useDebouncedValue(serialized, PREVIEW_DEBOUNCE_MS)
  const debouncedBody = useMemo(
    () => (debounced ? (JSON.parse(debounced) as ScoringPreviewBody) : undefined),
    [debounced]
  )

  const { data, ...rest } = useQuery({
    queryKey: scoringRuleQueryKeys.preview(debouncedBody),
    queryFn: () => previewScoringRule(debouncedBody!),
    enabled: !!debouncedBody && (options?.enabled ?? true),
    placeholderData: keepPreviousData,
    // A 400 names the bad condition; asking again will not fix it.
    retry: false,
    staleTime: 30_000,
  })

  return { ...data, ...rest, isDebouncing: serialized !== debounced }
}

/** The fields a rule's conditions may use, and the known event types. */
export const useScoringFields = (
  query: ScoringFieldsParams,
  options?: QueryOptions<ScoringFieldsResponse>
) => {
  const cleaned = clean(query) as ScoringFieldsParams
  const { data, ...rest } = useQuery({
    queryKey: scoringRuleQueryKeys.fields(cleaned),
    queryFn: () => fetchScoringFields(cleaned),
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
    ...options,
  })

  return { ...data, ...rest }
}

// Settings and overview

export const useScoringSettings = (
  options?: QueryOptions<ScoringSettingsResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: scoringQueryKeys.settings(),
    queryFn: fetchScoringSettings,
    ...options,
  })

  return { ...data, ...rest }
}

export const useUpdateScoringSettings = (
  options?: MutationOptions<ScoringSettingsResponse, UpdateScoringSettingsBody>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body: UpdateScoringSettingsBody) => updateScoringSettings(body),
    onSuccess: (data, variables, context) => {
      queryClient.setQueryData(scoringQueryKeys.settings(), data)
      // Thresholds move contacts between stages.
      queryClient.invalidateQueries({ queryKey: scoringQueryKeys.overview() })
      queryClient.invalidateQueries({ queryKey: contactQueryKeys.all })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

/** Score distributions, contacts per stage and per RFM group. */
export const useScoringOverview = (
  options?: QueryOptions<ScoringOverviewResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: scoringQueryKeys.overview(),
    queryFn: fetchScoringOverview,
    ...options,
  })

  return { ...data, ...rest }
}

// Recomputes

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
) => {
  const { data, ...rest } = useQuery({
    queryKey: scoringQueryKeys.recompute(id ?? ""),
    queryFn: () => fetchRecompute(id!),
    retry: (failureCount, error) => error?.status !== 404 && failureCount < 2,
    refetchInterval: (query) =>
      query.state.status !== "error" &&
      (!query.state.data || query.state.data.recompute?.status === "running")
        ? RECOMPUTE_POLL_MS
        : false,
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

/** After a rebuild every score, stage and ledger may have changed. */
export const useInvalidateScores = () => {
  const queryClient = useQueryClient()
  return () => {
    queryClient.invalidateQueries({ queryKey: scoringQueryKeys.overview() })
    queryClient.invalidateQueries({ queryKey: scoringQueryKeys.settings() })
    queryClient.invalidateQueries({
      queryKey: [...scoringQueryKeys.all, "score-history"],
    })
    queryClient.invalidateQueries({
      queryKey: [...scoringQueryKeys.all, "stage-history"],
    })
    queryClient.invalidateQueries({ queryKey: contactQueryKeys.all })
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

  const result = useInfiniteQuery<
    ScoreHistoryResponse,
    FetchError,
    InfiniteData<ScoreHistoryResponse, number>,
    QueryKey,
    number
  >({
    queryKey: scoringQueryKeys.scoreHistory(id ?? "", params),
    queryFn: ({ pageParam }) =>
      fetchContactScoreHistory(id!, { ...params, offset: pageParam }),
    initialPageParam: 0,
    getNextPageParam: (lastPage, _allPages, lastPageParam) => {
      const received = lastPage.entries?.length ?? 0
      const next = lastPageParam + received
      if (!received || next >= (lastPage.count ?? 0)) {
        return undefined
      }
      return next
    },
    enabled: !!id && (options?.enabled ?? true),
  })

  const pages = result.data?.pages ?? []
  const entries = pages.flatMap((page) => page.entries ?? [])
  const last = pages.length ? pages[pages.length - 1] : undefined

  return { ...result, entries, count: last?.count, summary: last?.summary }
}

/** Every lifecycle stage change of a contact, newest first. */
export const useContactStageHistory = (
  id: string | undefined,
  options?: QueryOptions<StageHistoryResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: scoringQueryKeys.stageHistory(id ?? ""),
    queryFn: () => fetchContactStageHistory(id!),
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}
