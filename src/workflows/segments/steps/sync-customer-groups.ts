import { ContainerRegistrationKeys, Modules } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import {
  createCustomerGroupsWorkflow,
  deleteCustomerGroupsWorkflow,
  linkCustomersToCustomerGroupWorkflow,
} from "@medusajs/medusa/core-flows"
import type MarketingModuleService from "../../../modules/marketing/service"
import type { MembershipChange } from "../../../modules/marketing/segments/engine"
import { marketingOf } from "../../utils/marketing"

export type SyncCustomerGroupsStepInput = {
  /** Segments to reconcile whole (after a build or a switch); null for none. */
  segment_ids?: string[] | null
  /** Or only the contacts that moved, per segment (the incremental path). */
  changes?: MembershipChange[]
}

type Container = { resolve<T = any>(key: string): T }

export const syncCustomerGroupsStepId = "sync-segment-customer-groups"

/**
 * Keeps each mirrored segment's customer group equal to its members who are
 * Medusa customers, through Medusa's own customer-group workflows. Creates
 * the group when the mirror is switched on and deletes it when switched off.
 *
 * It reconciles from the state as it is now (members vs. the group's
 * customers), never replays deltas, and holds a lock per segment while it
 * reads and writes, so concurrent runs cannot undo each other: whichever
 * runs last sees, and applies, the latest membership.
 */
export const syncCustomerGroupsStep = createStep(
  syncCustomerGroupsStepId,
  async (input: SyncCustomerGroupsStepInput, { container }) => {
    const marketing = marketingOf(container)
    const byContacts = new Map<string, Set<string>>()
    for (const c of input.changes ?? []) (byContacts.get(c.segment_id) ?? byContacts.set(c.segment_id, new Set()).get(c.segment_id)!).add(c.contact_id)
    const ids = [...new Set([...(input.segment_ids ?? []), ...byContacts.keys()])]
    if (!ids.length) return new StepResponse({ added: 0, removed: 0 })
    // Most segments are not mirrored: no lock for those (each event's evaluation would queue on it). A mirror
    // switched on meanwhile is reconciled whole by the update that switches it.
    const segments = (await marketing.listSegments({ id: ids }, { withDeleted: true })).filter(
      (s) => (s.mirror_to_customer_group && !s.deleted_at) || s.customer_group_id
    )
    const locking = container.resolve(Modules.LOCKING)
    let added = 0
    let removed = 0
    for (const segment of segments) {
      await locking.execute(
        `mma:segment-group:${segment.id}`,
        async () => {
          const fresh = (await marketing.listSegments({ id: segment.id }, { withDeleted: true }))[0]
          const wantsGroup = fresh.mirror_to_customer_group && !fresh.deleted_at
          if (!wantsGroup) {
            if (fresh.customer_group_id) {
              await dropGroup(container, fresh.customer_group_id)
              // A deleted segment keeps the id as history; a live one forgets it.
              if (!fresh.deleted_at) await marketing.updateSegments({ id: fresh.id, customer_group_id: null })
            }
            return
          }
          const groupId = fresh.customer_group_id ?? (await createGroup(container, marketing, fresh.id, fresh.name))
          const whole = (input.segment_ids ?? []).includes(fresh.id) || !fresh.customer_group_id
          const contacts = whole ? null : [...(byContacts.get(fresh.id) ?? [])]
          const diff = await groupDiff(container, marketing, fresh.id, groupId, contacts)
          if (diff.add.length || diff.remove.length) {
            await linkCustomersToCustomerGroupWorkflow(container).run({ input: { id: groupId, ...diff } })
          }
          added += diff.add.length
          removed += diff.remove.length
        },
        { timeout: 30 }
      )
    }
    return new StepResponse({ added, removed })
  }
)

async function createGroup(container: Container, marketing: MarketingModuleService, segmentId: string, name: string) {
  const { result } = await createCustomerGroupsWorkflow(container as any).run({
    input: { customersData: [{ name, metadata: { marketing_segment_id: segmentId } }] },
  })
  await marketing.updateSegments({ id: segmentId, customer_group_id: result[0].id })
  return result[0].id
}

async function dropGroup(container: Container, groupId: string) {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const { data } = await query.graph({ entity: "customer_group", fields: ["id"], filters: { id: groupId } })
  if (data.length) await deleteCustomerGroupsWorkflow(container as any).run({ input: { ids: [groupId] } })
}

/** Customers to add and remove so the group matches the members (all, or among some contacts). */
async function groupDiff(
  container: Container,
  marketing: MarketingModuleService,
  segmentId: string,
  groupId: string,
  contactIds: string[] | null
): Promise<{ add: string[]; remove: string[] }> {
  const query = container.resolve(ContainerRegistrationKeys.QUERY)
  const wanted = new Set(await marketing.segmentMemberCustomerIds(segmentId, contactIds))
  let inGroup: string[]
  if (contactIds) {
    // Only the customers of the contacts that moved can need a change.
    const contacts = await marketing.listContacts({ id: contactIds }, { select: ["customer_id"] })
    const customerIds = contacts.map((c) => c.customer_id).filter((id): id is string => !!id)
    if (!customerIds.length) return { add: [], remove: [] }
    const { data } = await query.graph({ entity: "customer", fields: ["id", "groups.id"], filters: { id: customerIds } })
    inGroup = data.filter((c: any) => (c.groups ?? []).some((g: any) => g?.id === groupId)).map((c: any) => c.id)
    const present = new Set(data.map((c: any) => c.id))
    for (const id of [...wanted]) if (!present.has(id)) wanted.delete(id) // deleted customers
    return {
      add: [...wanted].filter((id) => !inGroup.includes(id)),
      remove: inGroup.filter((id) => !wanted.has(id)),
    }
  }
  const { data } = await query.graph({ entity: "customer_group", fields: ["id", "customers.id"], filters: { id: groupId } })
  inGroup = (data[0]?.customers ?? []).filter(Boolean).map((c: any) => c.id)
  const have = new Set(inGroup)
  if (wanted.size) {
    const { data: existing } = await query.graph({ entity: "customer", fields: ["id"], filters: { id: [...wanted] } })
    const present = new Set(existing.map((c: any) => c.id))
    for (const id of [...wanted]) if (!present.has(id)) wanted.delete(id)
  }
  return { add: [...wanted].filter((id) => !have.has(id)), remove: inGroup.filter((id) => !wanted.has(id)) }
}
