import { FetchError } from "@medusajs/js-sdk"
import {
  QueryKey,
  UseMutationOptions,
  UseQueryOptions,
  keepPreviousData,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query"
import { useMemo } from "react"
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
  TemplatePreviewResponse,
  TemplateResponse,
  TemplateVariablesResponse,
  TestSendBody,
  TestSendResponse,
  UpdateTemplateBody,
} from "../../lib/types"
import { useDebouncedValue } from "../use-debounced-value"
import { clean } from "./contacts"

const TEMPLATES = "/admin/marketing/templates"

type QueryOptions<TResponse> = Omit<
  UseQueryOptions<TResponse, FetchError, TResponse, QueryKey>,
  "queryKey" | "queryFn"
>

type MutationOptions<TResponse, TVariables> = Omit<
  UseMutationOptions<TResponse, FetchError, TVariables>,
  "mutationFn"
>

const path = (id: string, suffix = "") =>
  `${TEMPLATES}/${encodeURIComponent(id)}${suffix}`

// Requests

export const fetchTemplates = (query?: TemplateListParams) =>
  sdk.client.fetch<TemplateListResponse>(TEMPLATES, { query: clean(query) })

export const fetchTemplate = (id: string) =>
  sdk.client.fetch<TemplateResponse>(path(id))

export const createTemplate = (body: CreateTemplateBody) =>
  sdk.client.fetch<TemplateResponse>(TEMPLATES, { method: "POST", body })

export const updateTemplate = (id: string, body: UpdateTemplateBody) =>
  sdk.client.fetch<TemplateResponse>(path(id), { method: "POST", body })

export const deleteTemplate = (id: string) =>
  sdk.client.fetch<TemplateDeleteResponse>(path(id), { method: "DELETE" })

export const previewTemplate = (body: TemplatePreviewBody) =>
  sdk.client.fetch<TemplatePreviewResponse>(`${TEMPLATES}/preview`, {
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
  sdk.client.fetch<TestSendResponse>(path(id, "/test-send"), {
    method: "POST",
    body,
  })

// Templates

/** A page of templates; keeps the previous page on screen while paging. */
export const useTemplates = (
  query?: TemplateListParams,
  options?: QueryOptions<TemplateListResponse>
) => {
  const cleaned = clean(query)
  const { data, ...rest } = useQuery({
    queryKey: templateQueryKeys.list(cleaned),
    queryFn: () => fetchTemplates(cleaned),
    placeholderData: keepPreviousData,
    ...options,
  })

  return { ...data, ...rest }
}

export const useTemplate = (
  id: string | undefined,
  options?: QueryOptions<TemplateResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: templateQueryKeys.detail(id ?? ""),
    queryFn: () => fetchTemplate(id!),
    // An unknown template stays unknown: do not retry a 404.
    retry: (failureCount, error) => error?.status !== 404 && failureCount < 1,
    ...options,
    enabled: !!id && (options?.enabled ?? true),
  })

  return { ...data, ...rest }
}

export const useCreateTemplate = (
  options?: MutationOptions<TemplateResponse, CreateTemplateBody>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body: CreateTemplateBody) => createTemplate(body),
    onSuccess: (data, variables, context) => {
      queryClient.setQueryData(templateQueryKeys.detail(data.template.id), data)
      queryClient.invalidateQueries({ queryKey: templateQueryKeys.lists() })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const useUpdateTemplate = (
  id: string,
  options?: MutationOptions<TemplateResponse, UpdateTemplateBody>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body: UpdateTemplateBody) => updateTemplate(id, body),
    onSuccess: (data, variables, context) => {
      queryClient.setQueryData(templateQueryKeys.detail(id), data)
      queryClient.invalidateQueries({ queryKey: templateQueryKeys.lists() })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const useDeleteTemplate = (
  id: string,
  options?: MutationOptions<TemplateDeleteResponse, void>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: () => deleteTemplate(id),
    onSuccess: (data, variables, context) => {
      // Do not ask for the deleted template again.
      queryClient.removeQueries({ queryKey: templateQueryKeys.detail(id) })
      queryClient.invalidateQueries({ queryKey: templateQueryKeys.lists() })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

export const TEMPLATE_PREVIEW_DEBOUNCE_MS = 400

/**
 * The template being edited, rendered by the server 400 ms after the last
 * change; pass `undefined` while there is nothing to render. A template
 * syntax error is a 400 whose message names the field, line and column.
 * `isDebouncing` is true while a newer version waits for its turn.
 */
export const useTemplatePreview = (body: TemplatePreviewBody | undefined) => {
  const serialized = body ? JSON.stringify(body) : ""
  const debounced = useDebouncedValue(serialized, TEMPLATE_PREVIEW_DEBOUNCE_MS)
  const debouncedBody = useMemo(
    () =>
      debounced ? (JSON.parse(debounced) as TemplatePreviewBody) : undefined,
    [debounced]
  )

  const { data, ...rest } = useQuery<TemplatePreviewResponse, FetchError>({
    queryKey: templateQueryKeys.preview(debouncedBody),
    queryFn: () => previewTemplate(debouncedBody!),
    enabled: !!debouncedBody,
    placeholderData: keepPreviousData,
    // A 400 names the faulty line; asking again will not fix it.
    retry: false,
    staleTime: 30_000,
  })

  return {
    preview: data,
    ...rest,
    isDebouncing: serialized !== debounced,
    /** The body the shown result (or error) belongs to. */
    renderedBody: debouncedBody,
  }
}

/** The documented render variables, helpers and partials. */
export const useTemplateVariables = (
  options?: QueryOptions<TemplateVariablesResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: templateQueryKeys.variables(),
    queryFn: fetchTemplateVariables,
    staleTime: 5 * 60_000,
    ...options,
  })

  return { ...data, ...rest }
}

// Starter templates

export const useStarterTemplates = (
  options?: QueryOptions<StarterTemplateListResponse>
) => {
  const { data, ...rest } = useQuery({
    queryKey: templateQueryKeys.starters(),
    queryFn: fetchStarterTemplates,
    ...options,
  })

  return { ...data, ...rest }
}

export const useInstallStarterTemplates = (
  options?: MutationOptions<InstallStartersResponse, string[]>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (keys: string[]) => installStarterTemplates(keys),
    onSuccess: (data, variables, context) => {
      queryClient.invalidateQueries({ queryKey: templateQueryKeys.all })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

// Test send

export const useTestSendTemplate = (
  id: string,
  options?: MutationOptions<TestSendResponse, TestSendBody>
) => {
  const queryClient = useQueryClient()
  return useMutation({
    ...options,
    mutationFn: (body: TestSendBody) => testSendTemplate(id, body),
    onSuccess: (data, variables, context) => {
      // The test email is a message like any other.
      queryClient.invalidateQueries({ queryKey: messageQueryKeys.all })
      return options?.onSuccess?.(data, variables, context)
    },
  })
}

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
