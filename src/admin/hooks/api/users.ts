import { useQuery } from "@tanstack/react-query"
import { queryKeysFactory } from "../../lib/query-key"
import { sdk } from "../../lib/sdk"
import type { QueryOptions } from "./utils"

/** Medusa's admin users (a contact's owner), read through the JS SDK. */
export const adminUserQueryKeys = queryKeysFactory("admin_user")

type AdminUserResponse = Awaited<ReturnType<typeof sdk.admin.user.retrieve>>

/** One admin user; disabled without an id (a contact with no owner). */
export const useAdminUser = (id: string | null | undefined, options?: QueryOptions<AdminUserResponse>) =>
  useQuery({
    ...options,
    queryKey: adminUserQueryKeys.detail(id ?? ""),
    queryFn: () => sdk.admin.user.retrieve(id!, { fields: "id,email,first_name,last_name" }),
    enabled: !!id && (options?.enabled ?? true),
  })

type AdminUserListResponse = Awaited<ReturnType<typeof sdk.admin.user.list>>

/** The store's admin users, for choosing a contact owner (a store has a handful). */
export const useAdminUsers = (options?: QueryOptions<AdminUserListResponse>) =>
  useQuery({
    ...options,
    queryKey: adminUserQueryKeys.list({ limit: 100 }),
    queryFn: () => sdk.admin.user.list({ limit: 100, fields: "id,email,first_name,last_name" }),
  })
