import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { linkCustomersToCustomerGroupWorkflow } from "@medusajs/medusa/core-flows"
import type { CustomerGroupStep, StepRunInput, StepRunResult } from "../../../modules/marketing/flows/types"
import { marketingOf } from "../../utils/marketing"

type Change = { customer_id: string; customer_group_id: string; action: "add" | "remove" }

export const flowCustomerGroupStepId = "flow-customer-group"

/**
 * A flow's `customer_group` step: adds the contact's Medusa customer to a
 * customer group, or removes it, through Medusa's own workflow (so Medusa's
 * events and links stay right). Idempotent by state: a customer already in
 * (or out of) the group is left alone, so a retried run changes nothing.
 * Compensation undoes only a change this run made.
 */
export const flowCustomerGroupStep = createStep(
  flowCustomerGroupStepId,
  async (input: StepRunInput<CustomerGroupStep>, { container }) => {
    const { action, customer_group_id } = input.step
    const contact = await marketingOf(container).retrieveContact(input.contact_id, { select: ["id", "customer_id"] })
    if (!contact.customer_id) {
      return new StepResponse<StepRunResult, Change | null>({ outcome: "skipped", reason: "no_customer" }, null)
    }
    const query = container.resolve(ContainerRegistrationKeys.QUERY)
    const { data: groups } = await query.graph({
      entity: "customer_group",
      fields: ["id", "customers.id"],
      filters: { id: customer_group_id },
    })
    if (!groups.length) {
      return new StepResponse<StepRunResult, Change | null>(
        { outcome: "failed", reason: `no customer group ${customer_group_id}` },
        null
      )
    }
    const member = (groups[0].customers ?? []).some((c: any) => c?.id === contact.customer_id)
    const data = { customer_id: contact.customer_id, customer_group_id, action }
    if ((action === "add") === member) {
      return new StepResponse<StepRunResult, Change | null>({ outcome: "completed", data: { ...data, changed: false } }, null)
    }
    await linkCustomersToCustomerGroupWorkflow(container).run({
      input: { id: customer_group_id, [action]: [contact.customer_id] },
    })
    return new StepResponse<StepRunResult, Change | null>(
      { outcome: "completed", data: { ...data, changed: true } },
      { customer_id: contact.customer_id, customer_group_id, action }
    )
  },
  async (change, { container }) => {
    if (!change) return
    const undo = change.action === "add" ? "remove" : "add"
    await linkCustomersToCustomerGroupWorkflow(container).run({
      input: { id: change.customer_group_id, [undo]: [change.customer_id] },
    })
  }
)
