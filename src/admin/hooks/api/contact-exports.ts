import { downloadFile } from "../../lib/download"
import { useMutation, useQueryClient } from "@tanstack/react-query"
import { queryKeysFactory } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type {
  ContactExportListParams, ContactExportListResponse, ContactExportResponse, CreateContactExportBody,
} from "../../lib/exports/types"
import { path, resourceRequests, useListQuery, type MutationOptions, type QueryOptions } from "./utils"

const BASE = "/admin/marketing/contact-exports"

export const contactExportQueryKeys = queryKeysFactory("contact_export")

const exports = resourceRequests<{
  params: ContactExportListParams
  list: ContactExportListResponse
  record: ContactExportResponse
  create: CreateContactExportBody
}>(BASE)

/** Exports, newest first; polls while one is waiting or running. */
export const useContactExports = (query?: ContactExportListParams, options?: QueryOptions<ContactExportListResponse>) =>
  useListQuery({ key: contactExportQueryKeys.list, fetch: exports.list }, query, options, {
    refetchInterval: (q) =>
      q.state.data?.contact_exports.some((e) => e.status === "pending" || e.status === "running") ? 2000 : false,
  })

export const useCreateContactExport = (options?: MutationOptions<ContactExportResponse, CreateContactExportBody>) => {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateContactExportBody) => exports.create(body),
    ...options,
    onSuccess: async (...args) => {
      await client.invalidateQueries({ queryKey: contactExportQueryKeys.lists() })
      await options?.onSuccess?.(...args)
    },
  })
}

/** Downloads an export's CSV with the admin's credentials and saves it under its name. */
export const downloadContactExport = (id: string, filename: string) => downloadFile(path(BASE, id, "/download"), filename)
