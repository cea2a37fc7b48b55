import { formQueryKeys } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  FormBody,
  FormDeleteResponse,
  FormListParams,
  FormListResponse,
  FormResponse,
  FormSubmissionListParams,
  FormSubmissionListResponse,
} from "../../lib/forms"
import {
  clean,
  path,
  resourceRequests,
  useInvalidatingMutation,
  useListQuery,
  useRecordQuery,
  useSpreadQuery,
  type MutationOptions,
  type QueryOptions,
} from "./utils"

const FORMS = "/admin/marketing/forms"

// Requests

const forms = resourceRequests<{
  params: FormListParams
  list: FormListResponse
  record: FormResponse
  create: FormBody
  update: Partial<FormBody>
  deleted: FormDeleteResponse
}>(FORMS)

export const fetchForms = forms.list
export const fetchForm = forms.retrieve
export const createForm = forms.create
export const updateForm = forms.update
export const deleteForm = (id: string) => forms.remove(id)

export const fetchFormSubmissions = (id: string, query?: FormSubmissionListParams) =>
  sdk.client.fetch<FormSubmissionListResponse>(path(FORMS, id, "/submissions"), {
    query: clean(query),
  })

// Hooks

/** A page of forms with their 30-day numbers. */
export const useForms = (query?: FormListParams, options?: QueryOptions<FormListResponse>) =>
  useListQuery({ key: formQueryKeys.list, fetch: fetchForms }, query, options)

export const useForm = (id: string | undefined, options?: QueryOptions<FormResponse>) =>
  useRecordQuery(id, { key: (formId) => formQueryKeys.detail(formId), fetch: fetchForm }, options)

export const useFormSubmissions = (
  id: string,
  query: FormSubmissionListParams,
  options?: QueryOptions<FormSubmissionListResponse>
) =>
  useSpreadQuery<FormSubmissionListResponse>(
    {
      queryKey: formQueryKeys.submissions(id, query),
      queryFn: () => fetchFormSubmissions(id, query),
    },
    options,
    !!id
  )

export const useCreateForm = (options?: MutationOptions<FormResponse, FormBody>) =>
  useInvalidatingMutation(createForm, [formQueryKeys.lists()], options, {
    set: (data) => formQueryKeys.detail(data.form.id),
  })

export const useUpdateForm = (id: string, options?: MutationOptions<FormResponse, Partial<FormBody>>) =>
  useInvalidatingMutation(
    (body: Partial<FormBody>) => updateForm(id, body),
    [formQueryKeys.lists()],
    options,
    { set: () => formQueryKeys.detail(id) }
  )

export const useDeleteForm = (id: string, options?: MutationOptions<FormDeleteResponse, void>) =>
  useInvalidatingMutation(() => deleteForm(id), [formQueryKeys.lists()], options, {
    remove: () => [formQueryKeys.one(id)],
  })
