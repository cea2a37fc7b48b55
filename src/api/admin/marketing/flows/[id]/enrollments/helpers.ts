import type { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import type { FlowDefinition } from "../../../../../../modules/marketing/flows/types"
import type MarketingModuleService from "../../../../../../modules/marketing/service"

type Enrollment = { contact_id: string; flow_id: string; flow_version_id: string; current_step_id: string | null }

const unique = (values: string[]) => [...new Set(values)]

/** Each enrollment with `contact` (id, email, names), so a list names people, not ids. */
export async function withContacts<T extends Enrollment>(marketing: MarketingModuleService, enrollments: T[]) {
  if (!enrollments.length) return []
  const contacts = await marketing.listContacts(
    { id: unique(enrollments.map((e) => e.contact_id)) },
    { select: ["id", "email", "first_name", "last_name", "customer_id"], withDeleted: true }
  )
  const byId = new Map(contacts.map((c) => [c.id, c]))
  return enrollments.map((e) => ({ ...e, contact: byId.get(e.contact_id) ?? null }))
}

/**
 * Each enrollment with `flow` (id, name, status) and `current_step` (id, type
 * and name in the version the contact is in), for the contact's pages.
 */
export async function withFlowsAndSteps<T extends Enrollment>(marketing: MarketingModuleService, enrollments: T[]) {
  if (!enrollments.length) return []
  const [flows, versions] = await Promise.all([
    marketing.listFlows({ id: unique(enrollments.map((e) => e.flow_id)) }, { select: ["id", "name", "status"] }),
    marketing.listFlowVersions({ id: unique(enrollments.map((e) => e.flow_version_id)) }, { select: ["id", "version", "definition"] }),
  ])
  const flowById = new Map(flows.map((f) => [f.id, f]))
  const versionById = new Map(versions.map((v) => [v.id, v]))
  return enrollments.map((e) => {
    const version = versionById.get(e.flow_version_id)
    const step = e.current_step_id ? (version?.definition as unknown as FlowDefinition | undefined)?.steps?.[e.current_step_id] : undefined
    return {
      ...e,
      flow: flowById.get(e.flow_id) ?? null,
      flow_version: version ? version.version : null,
      current_step: e.current_step_id ? { id: e.current_step_id, type: step?.type ?? null, name: step?.name ?? null } : null,
    }
  })
}

/**
 * Each enrollment with `conversion_order_display_id`: the converting order's
 * number as the store shows it (#1043), null when there is none or it is gone.
 */
export async function withOrderNumbers<T extends { conversion_order_id: string | null }>(scope: MedusaContainer, enrollments: T[]) {
  const orderIds = unique(enrollments.flatMap((e) => (e.conversion_order_id ? [e.conversion_order_id] : [])))
  const numbers = new Map<string, number>()
  if (orderIds.length) {
    const query = scope.resolve(ContainerRegistrationKeys.QUERY)
    const { data } = await query.graph({ entity: "order", fields: ["id", "display_id"], filters: { id: orderIds } })
    for (const order of data) numbers.set(order.id, order.display_id)
  }
  return enrollments.map((e) => ({ ...e, conversion_order_display_id: (e.conversion_order_id && numbers.get(e.conversion_order_id)) ?? null }))
}
