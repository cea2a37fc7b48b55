import {
  flowQueryKeys,
  segmentQueryKeys,
  templateQueryKeys,
} from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  ContactEnrollmentListParams,
  ContactEnrollmentListResponse,
  CreateFlowBody,
  EnrollInFlowBody,
  EnrollInFlowResponse,
  FlowAction,
  FlowDefinition,
  FlowDeleteResponse,
  FlowEnrollmentListParams,
  FlowEnrollmentListResponse,
  FlowEnrollmentResponse,
  FlowListParams,
  FlowListResponse,
  FlowRecipesResponse,
  FlowResponse,
  FlowStatsResponse,
  FlowValidationResponse,
  FlowVersionsResponse,
  UpdateFlowBody,
} from "../../lib/types"
import {
  path,
  queryHook,
  resourceRequests,
  useInvalidatingMutation,
  useListQuery,
  useQueryById,
  useRecordQuery,
  useSpreadQuery,
  type MutationOptions,
  type QueryOptions,
} from "./utils"

const FLOWS = "/admin/marketing/flows"

// Requests

const flows = resourceRequests<{
  params: FlowListParams
  list: FlowListResponse
  record: FlowResponse
  create: CreateFlowBody
  update: UpdateFlowBody
  deleted: FlowDeleteResponse
}>(FLOWS)

export const fetchFlows = flows.list
export const fetchFlow = flows.retrieve
export const createFlow = flows.create
export const updateFlow = flows.update
export const deleteFlow = (id: string) => flows.remove(id)

export const fetchFlowVersions = (id: string) =>
  sdk.client.fetch<FlowVersionsResponse>(path(FLOWS, id, "/versions"))

export const fetchFlowStats = (id: string, versionId?: string) =>
  sdk.client.fetch<FlowStatsResponse>(path(FLOWS, id, "/stats"), {
    query: versionId ? { version_id: versionId } : undefined,
  })

export const fetchFlowRecipes = () =>
  sdk.client.fetch<FlowRecipesResponse>(`${FLOWS}/recipes`)

export const installFlowRecipe = (key: string) =>
  sdk.client.fetch<FlowResponse>(path(`${FLOWS}/recipes`, key, "/install"), {
    method: "POST",
  })

/** A definition as the builder has it (200 either way: the answer lists the problems). */
export const validateFlowDefinition = (definition: unknown) =>
  sdk.client.fetch<FlowValidationResponse>(`${FLOWS}/validate`, {
    method: "POST",
    body: { definition },
  })

/** The saved draft, with its references (templates, segments, groups). */
export const validateFlow = (id: string) =>
  sdk.client.fetch<FlowValidationResponse>(path(FLOWS, id, "/validate"), {
    method: "POST",
  })

export const runFlowAction = (id: string, action: FlowAction) =>
  sdk.client.fetch<FlowResponse>(path(FLOWS, id, `/${action}`), {
    method: "POST",
  })

export const fetchFlowEnrollments = (id: string, query?: FlowEnrollmentListParams) =>
  sdk.client.fetch<FlowEnrollmentListResponse>(path(FLOWS, id, "/enrollments"), {
    query,
  })

export const fetchFlowEnrollment = (id: string, enrollmentId: string) =>
  sdk.client.fetch<FlowEnrollmentResponse>(
    path(FLOWS, id, `/enrollments/${encodeURIComponent(enrollmentId)}`)
  )

/** One contact's enrollments in every flow, with each flow and current step. */
export const fetchContactEnrollments = (contactId: string, query?: ContactEnrollmentListParams) =>
  sdk.client.fetch<ContactEnrollmentListResponse>(
    path("/admin/marketing/contacts", contactId, "/enrollments"),
    { query }
  )

export const enrollInFlow = (id: string, body: EnrollInFlowBody) =>
  sdk.client.fetch<EnrollInFlowResponse>(path(FLOWS, id, "/enrollments"), {
    method: "POST",
    body,
  })

// Flows

/** A page of flows with their figures; keeps the previous page while paging. */
export const useFlows = (
  query?: FlowListParams,
  options?: QueryOptions<FlowListResponse>
) => useListQuery({ key: flowQueryKeys.list, fetch: fetchFlows }, query, options)

export const useFlow = (
  id: string | undefined,
  options?: QueryOptions<FlowResponse>
) =>
  useRecordQuery(
    id,
    { key: (id) => flowQueryKeys.detail(id), fetch: fetchFlow },
    options
  )

/** The published versions, newest first, each with its frozen definition. */
export const useFlowVersions = (
  id: string | undefined,
  options?: QueryOptions<FlowVersionsResponse>
) =>
  useQueryById(
    id,
    { key: flowQueryKeys.versions, fetch: fetchFlowVersions },
    options
  )

/** Each step's numbers for one version (all versions without one). */
export const useFlowStats = (
  id: string | undefined,
  versionId?: string,
  options?: QueryOptions<FlowStatsResponse>
) =>
  useQueryById(
    id,
    {
      key: (flowId) => flowQueryKeys.stats(flowId, versionId),
      fetch: (flowId) => fetchFlowStats(flowId, versionId),
    },
    options
  )

export const useCreateFlow = (
  options?: MutationOptions<FlowResponse, CreateFlowBody>
) =>
  useInvalidatingMutation(createFlow, [flowQueryKeys.lists()], options, {
    set: (data) => flowQueryKeys.detail(data.flow.id),
  })

/** Saves the draft; an active or paused flow's new definition is published as a version. */
export const useUpdateFlow = (
  id: string,
  options?: MutationOptions<FlowResponse, UpdateFlowBody>
) =>
  useInvalidatingMutation(
    (body: UpdateFlowBody) => updateFlow(id, body),
    [flowQueryKeys.lists(), flowQueryKeys.versions(id)],
    options,
    { set: () => flowQueryKeys.detail(id) }
  )

export const useDeleteFlow = (
  id: string,
  options?: MutationOptions<FlowDeleteResponse, void>
) =>
  useInvalidatingMutation(
    () => deleteFlow(id),
    [flowQueryKeys.lists()],
    options,
    // Do not ask for the deleted flow again.
    { remove: () => [flowQueryKeys.one(id)] }
  )

/**
 * Publish, pause, resume, archive or duplicate one flow. Everything about
 * the flow may change (versions, enrollments exited by archiving).
 */
export const useFlowAction = (
  id: string,
  action: FlowAction,
  options?: MutationOptions<FlowResponse, void>
) =>
  useInvalidatingMutation(
    () => runFlowAction(id, action),
    [flowQueryKeys.lists(), flowQueryKeys.one(id), flowQueryKeys.ofContacts()],
    options
  )

/** Any flow's action, for lists where the flow is picked per row. */
export const useRunFlowAction = (
  options?: MutationOptions<FlowResponse, { id: string; action: FlowAction }>
) =>
  useInvalidatingMutation(
    ({ id, action }: { id: string; action: FlowAction }) => runFlowAction(id, action),
    (_data, { id }) => [flowQueryKeys.lists(), flowQueryKeys.one(id), flowQueryKeys.ofContacts()],
    options
  )

export const usePublishFlow = (id: string, options?: MutationOptions<FlowResponse, void>) =>
  useFlowAction(id, "publish", options)
export const usePauseFlow = (id: string, options?: MutationOptions<FlowResponse, void>) =>
  useFlowAction(id, "pause", options)
export const useResumeFlow = (id: string, options?: MutationOptions<FlowResponse, void>) =>
  useFlowAction(id, "resume", options)
export const useArchiveFlow = (id: string, options?: MutationOptions<FlowResponse, void>) =>
  useFlowAction(id, "archive", options)
export const useDuplicateFlow = (id: string, options?: MutationOptions<FlowResponse, void>) =>
  useFlowAction(id, "duplicate", options)

/** Checks a definition as it is edited; a 200 lists the problems by step. */
export const useValidateFlowDefinition = (
  options?: MutationOptions<FlowValidationResponse, FlowDefinition | Record<string, unknown>>
) => useInvalidatingMutation(validateFlowDefinition, [], options)

/**
 * The saved draft's problems (fields, graph and references), asked again
 * whenever the draft changes (`updatedAt`): the page disables publishing and
 * marks the steps they name.
 */
export const useFlowDraftCheck = (
  id: string | undefined,
  updatedAt: string | undefined,
  options?: QueryOptions<FlowValidationResponse>
) =>
  useSpreadQuery<FlowValidationResponse>(
    {
      queryKey: [...flowQueryKeys.one(id ?? ""), "check", updatedAt ?? ""],
      queryFn: () => validateFlow(id!),
      retry: false,
    },
    options,
    !!id && !!updatedAt
  )

/** Checks the saved draft with its references. */
export const useValidateFlow = (
  id: string,
  options?: MutationOptions<FlowValidationResponse, void>
) => useInvalidatingMutation(() => validateFlow(id), [], options)

// Recipes

export const useFlowRecipes = queryHook(flowQueryKeys.recipes(), fetchFlowRecipes, {
  staleTime: 5 * 60_000,
})

/** Installs a recipe as a draft, adding the starter templates and built-in segments it needs. */
export const useInstallFlowRecipe = (
  options?: MutationOptions<FlowResponse, string>
) =>
  useInvalidatingMutation(
    installFlowRecipe,
    [flowQueryKeys.lists(), templateQueryKeys.all, segmentQueryKeys.all],
    options,
    { set: (data) => flowQueryKeys.detail(data.flow.id) }
  )

// Enrollments

export const useFlowEnrollments = (
  id: string | undefined,
  query?: FlowEnrollmentListParams,
  options?: QueryOptions<FlowEnrollmentListResponse>
) =>
  useListQuery(
    {
      key: (q) => flowQueryKeys.enrollments(id ?? "", q),
      fetch: (q) => fetchFlowEnrollments(id!, q),
    },
    query,
    options,
    undefined,
    !!id
  )

export const useFlowEnrollment = (
  id: string | undefined,
  enrollmentId: string | undefined,
  options?: QueryOptions<FlowEnrollmentResponse>
) =>
  useSpreadQuery<FlowEnrollmentResponse>(
    {
      queryKey: flowQueryKeys.enrollment(id ?? "", enrollmentId ?? ""),
      queryFn: () => fetchFlowEnrollment(id!, enrollmentId!),
    },
    options,
    !!id && !!enrollmentId
  )

/** Enrolls a contact now, or a segment now or at a later time. */
export const useEnrollInFlow = (
  id: string,
  options?: MutationOptions<EnrollInFlowResponse, EnrollInFlowBody>
) =>
  useInvalidatingMutation(
    (body: EnrollInFlowBody) => enrollInFlow(id, body),
    [flowQueryKeys.one(id), flowQueryKeys.lists(), flowQueryKeys.ofContacts()],
    options
  )

/** The flows a contact is in (or was: `status` narrows it), newest first. */
export const useContactEnrollments = (
  contactId: string | undefined,
  query?: ContactEnrollmentListParams,
  options?: QueryOptions<ContactEnrollmentListResponse>
) =>
  useQueryById(
    contactId,
    {
      key: (id) => flowQueryKeys.ofContact(id, query),
      fetch: (id) => fetchContactEnrollments(id, query),
    },
    options
  )
