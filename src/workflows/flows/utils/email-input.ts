import type { EmailChoice } from "../../../modules/marketing/flows/advance"
import type { SendEmailStep, StepRunInput } from "../../../modules/marketing/flows/types"
import type { SendEmailInput } from "../../email/steps/prepare-messages"

/** The email a flow's send step hands the send workflow, keyed by the visit (a retry sends nothing twice). */
export function flowEmailInput(input: StepRunInput<SendEmailStep>, choice: Extract<EmailChoice, { holdout: false }>): SendEmailInput {
  const { context, step } = input
  return {
    template_id: choice.template_id,
    contact_id: input.contact_id,
    kind: "marketing",
    ...(step.topic ? { topic: step.topic } : {}),
    ...(choice.subject ? { subject: choice.subject } : {}),
    idempotency_key: input.idempotency_key,
    flow: { flow_id: input.flow_id, flow_version_id: input.flow_version_id, step_id: input.step_id, variant: choice.variant ?? null },
    context: {
      ...(context.cart_id ? { cart_id: context.cart_id } : {}),
      ...(context.order_id ? { order_id: context.order_id } : {}),
      ...(step.products ? { products: { strategy: step.products.strategy as never, limit: step.products.limit } } : {}),
      ...(context.discount ? { discount: { code: context.discount.code, expires_at: context.discount.expires_at } } : {}),
      data: { flow_id: input.flow_id, step_id: input.step_id, ...(choice.variant ? { variant: choice.variant } : {}) },
    },
  }
}
