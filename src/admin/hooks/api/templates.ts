import { useQuery } from "@tanstack/react-query"
import {
  messageQueryKeys,
  storeQueryKeys,
  templateQueryKeys,
} from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  CreateTemplateBody,
  InstallStartersResponse,
  StarterTemplateListResponse,
  TemplateDeleteResponse,
  TemplateListParams,
  TemplateListResponse,
  TemplatePreviewBody,
  TemplatePreviewInput,
  TemplatePreviewResponse,
  TemplateResponse,
  TemplateVariablesResponse,
  TestSendBody,
  TestSendResponse,
  UpdateTemplateBody,
} from "../../lib/types"
import {
  clean,
  path,
  resourceRequests,
  PREVIEW_DEBOUNCE_MS,
  useDebouncedPreview,
  useInvalidatingMutation,
  useListQuery,
  useRecordQuery,
  type MutationOptions,
  queryHook,
  type QueryOptions,
} from "./utils"

const TEMPLATES = "/admin/marketing/templates"

// Requests

const templates = resourceRequests<{
  params: TemplateListParams
  list: TemplateListResponse
  record: TemplateResponse
  create: CreateTemplateBody
  update: UpdateTemplateBody
  deleted: TemplateDeleteResponse
}>(TEMPLATES)

export const fetchTemplates = templates.list
export const fetchTemplate = templates.retrieve
export const createTemplate = templates.create
export const updateTemplate = templates.update
export const deleteTemplate = (id: string) => templates.remove(id)

export const previewTemplate = (body: TemplatePreviewBody) =>
  sdk.client.fetch<TemplatePreviewResponse>(`${TEMPLATES}/preview`, {
    method: "POST",
    body,
  })

/** A saved template rendered with the sample contact (or a chosen one). */
export const previewSavedTemplate = (id: string, body: TemplatePreviewInput = {}) =>
  sdk.client.fetch<TemplatePreviewResponse>(path(TEMPLATES, id, "/preview"), {
    method: "POST",
    body,
  })

export const fetchTemplateVariables = () =>
  sdk.client.fetch<TemplateVariablesResponse>(`${TEMPLATES}/variables`)

export const fetchStarterTemplates = () =>
  sdk.client.fetch<StarterTemplateListResponse>(`${TEMPLATES}/starters`)

export const installStarterTemplates = (keys: string[]) =>
  sdk.client.fetch<InstallStartersResponse>(`${TEMPLATES}/starters`, {
    method: "POST",
    body: { keys },
  })

export const testSendTemplate = (id: string, body: TestSendBody) =>
  sdk.client.fetch<TestSendResponse>(path(TEMPLATES, id, "/test-send"), {
    method: "POST",
    body,
  })

// Templates

/** A page of templates; keeps the previous page on screen while paging. */
export const useTemplates = (
  query?: TemplateListParams,
  options?: QueryOptions<TemplateListResponse>
) =>
  useListQuery(
    { key: templateQueryKeys.list, fetch: fetchTemplates },
    query,
    options
  )

export const useTemplate = (
  id: string | undefined,
  options?: QueryOptions<TemplateResponse>
) =>
  useRecordQuery(
    id,
    { key: (id) => templateQueryKeys.detail(id), fetch: fetchTemplate },
    options
  )

export const useCreateTemplate = (
  options?: MutationOptions<TemplateResponse, CreateTemplateBody>
) =>
  useInvalidatingMutation(
    createTemplate,
    [templateQueryKeys.lists()],
    options,
    { set: (data) => templateQueryKeys.detail(data.template.id) }
  )

export const useUpdateTemplate = (
  id: string,
  options?: MutationOptions<TemplateResponse, UpdateTemplateBody>
) =>
  useInvalidatingMutation(
    (body: UpdateTemplateBody) => updateTemplate(id, body),
    [templateQueryKeys.lists(), templateQueryKeys.savedPreview(id)],
    options,
    { set: () => templateQueryKeys.detail(id) }
  )

export const useDeleteTemplate = (
  id: string,
  options?: MutationOptions<TemplateDeleteResponse, void>
) =>
  useInvalidatingMutation(
    () => deleteTemplate(id),
    [templateQueryKeys.lists()],
    options,
    // Do not ask for the deleted template again.
    { remove: () => [templateQueryKeys.one(id)] }
  )

/**
 * The template being edited, rendered by the server 400 ms after the last
 * change; pass `undefined` while there is nothing to render. A template
 * syntax error is a 400 whose message names the field, line and column.
 * `isDebouncing` is true while a newer version waits for its turn.
 */
export const useTemplatePreview = (body: TemplatePreviewBody | undefined) => {
  const {
    query: { data, ...rest },
    debouncedBody,
    isDebouncing,
  } = useDebouncedPreview(body, PREVIEW_DEBOUNCE_MS, {
    key: templateQueryKeys.preview,
    fetch: previewTemplate,
  })

  return {
    preview: data,
    ...rest,
    isDebouncing,
    /** The body the shown result (or error) belongs to. */
    renderedBody: debouncedBody,
  }
}

/** A saved template as the server renders it for the sample contact; asked again when the template changes. */
export const useSavedTemplatePreview = (
  id: string | undefined,
  options?: QueryOptions<TemplatePreviewResponse>
) =>
  useQuery({
    ...options,
    queryKey: templateQueryKeys.savedPreview(id ?? ""),
    queryFn: () => previewSavedTemplate(id!),
    enabled: !!id && (options?.enabled ?? true),
  })

/** The documented render variables, helpers and partials. */
export const useTemplateVariables = queryHook(
  templateQueryKeys.variables(),
  fetchTemplateVariables,
  { staleTime: 5 * 60_000 }
)

// Starter templates

export const useStarterTemplates = queryHook(
  templateQueryKeys.starters(),
  fetchStarterTemplates
)

export const useInstallStarterTemplates = (
  options?: MutationOptions<InstallStartersResponse, string[]>
) =>
  useInvalidatingMutation(
    installStarterTemplates,
    [templateQueryKeys.all],
    options
  )

// Test send

export const useTestSendTemplate = (
  id: string,
  options?: MutationOptions<TestSendResponse, TestSendBody>
) =>
  useInvalidatingMutation(
    (body: TestSendBody) => testSendTemplate(id, body),
    // The test email is a message like any other.
    [messageQueryKeys.all],
    options
  )

/** The signed-in admin's email, the natural address for a test send. */
export const useCurrentUserEmail = () => {
  const { data, ...rest } = useQuery({
    queryKey: storeQueryKeys.me(),
    queryFn: () => sdk.admin.user.me({ fields: "id,email" }),
    staleTime: 5 * 60_000,
    retry: false,
  })

  return { email: data?.user?.email, ...rest }
}
