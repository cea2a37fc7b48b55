import { WorkflowResponse, createWorkflow, transform, when } from "@medusajs/framework/workflows-sdk"
import type {
  AssignOwnerStep,
  CreateDiscountStep,
  CustomerGroupStep,
  NotifyTeamStep,
  StepRunInput,
  StepRunResult,
  WebhookStep,
} from "../../../modules/marketing/flows/types"
import { flowAssignOwnerStep } from "../steps/assign-owner"
import { flowCreateDiscountStep } from "../steps/create-discount"
import { flowCustomerGroupStep } from "../steps/customer-group"
import { flowNotifyTeamStep } from "../steps/notify-team"
import { flowWebhookStep } from "../steps/webhook"

/** The step types this workflow runs: the flow's actions on Medusa and the outside world. */
export const FLOW_ACTION_STEP_TYPES = ["customer_group", "create_discount", "webhook", "notify_team", "assign_owner"] as const
export type FlowActionStep = CustomerGroupStep | CreateDiscountStep | WebhookStep | NotifyTeamStep | AssignOwnerStep

export const runFlowActionWorkflowId = "run-flow-action"

/**
 * Runs one action step of a flow for one enrolment (customer_group,
 * create_discount, webhook, notify_team, assign_owner) and returns its
 * result for the engine to record. Each action is also a step of its own
 * (`flowCustomerGroupStep`…) for a workflow that calls it directly.
 *
 * @example
 * const { result } = await runFlowActionWorkflow(container).run({
 *   input: {
 *     enrollment_id: "mfen_123", flow_id: "mflw_123", flow_version_id: "mflv_123", flow_name: "Welcome",
 *     contact_id: "mcon_123", step_id: "discount", context: {},
 *     step: { type: "create_discount", kind: "percentage", value: 10, expires_in_days: 7 },
 *     idempotency_key: "mfen_123:discount:1", now: new Date().toISOString(),
 *   },
 * })
 * // result.context_patch.discount.code
 */
export const runFlowActionWorkflow = createWorkflow(runFlowActionWorkflowId, (input: StepRunInput<FlowActionStep>) => {
  const is = (type: FlowActionStep["type"]) => [`is-${type}`, { input }, ({ input }: { input: StepRunInput<FlowActionStep> }) => input.step.type === type] as const
  const group = when(...is("customer_group")).then(() =>
    flowCustomerGroupStep(input as StepRunInput<CustomerGroupStep>)
  )
  const discount = when(...is("create_discount")).then(() =>
    flowCreateDiscountStep(input as StepRunInput<CreateDiscountStep>)
  )
  const webhook = when(...is("webhook")).then(() =>
    flowWebhookStep(input as StepRunInput<WebhookStep>)
  )
  const notify = when(...is("notify_team")).then(() =>
    flowNotifyTeamStep(input as StepRunInput<NotifyTeamStep>)
  )
  const owner = when(...is("assign_owner")).then(() =>
    flowAssignOwnerStep(input as StepRunInput<AssignOwnerStep>)
  )
  const result = transform(
    { input, group, discount, webhook, notify, owner },
    ({ input, group, discount, webhook, notify, owner }): StepRunResult =>
      group ??
      discount ??
      webhook ??
      notify ??
      owner ?? { outcome: "failed", reason: `not an action step: ${(input.step as { type: string }).type}` }
  )
  return new WorkflowResponse(result)
})
