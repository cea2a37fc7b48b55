import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { abKey } from "../../../modules/marketing/flows/ab-sql"
import { chooseEmail } from "../../../modules/marketing/flows/advance"
import { zoneOr } from "../../../modules/marketing/flows/local-time"
import { checkPressure, pressureResult } from "../../../modules/marketing/flows/pressure"
import { bestTimeHold } from "../../../modules/marketing/flows/best-time"
import type { MessagePressure, SendEmailStep, StepRunInput, StepRunResult } from "../../../modules/marketing/flows/types"
import type { SendEmailInput } from "../../email/steps/prepare-messages"
import { marketingOf } from "../../utils/marketing"
import { flowEmailInput } from "../utils/email-input"
import { bestTimeFacts } from "../utils/best-time"

export type CheckMessagePressureOutput = {
  /** The email to send, or null when the step does not send (holdout, held, skipped). */
  send: SendEmailInput | null
  variant: string | null
  /** The step's result when nothing is sent. */
  result: StepRunResult | null
}

export const checkMessagePressureStepId = "check-flow-message-pressure"

/**
 * Before a flow email: the holdout and variant (deterministic per
 * enrollment and step; the A/B winner once decided), then the contact's best
 * time (`send_at: "best_time"`), the frequency cap and quiet hours in the
 * contact's time zone. A retry of a visit whose email was already queued
 * skips the checks (its own email would otherwise hold it). Reads only.
 */
export const checkMessagePressureStep = createStep(
  checkMessagePressureStepId,
  async (
    { input, time_zone, pressure = {} }: { input: StepRunInput<SendEmailStep>; time_zone: string | null; pressure?: MessagePressure },
    { container }
  ) => {
    const marketing = marketingOf(container)
    const now = new Date(input.now)
    const { step } = input
    const [queued] = await marketing.listMessages({ idempotency_key: input.idempotency_key }, { select: ["id"], take: 1 })
    // The A/B winner, once decided; a retry whose email was queued before keeps its variant.
    const winner = step.auto_winner && !queued
      ? (await marketing.flowAbWinners([input.flow_version_id])).get(abKey(input.flow_version_id, input.step_id))
      : null
    const choice = chooseEmail(step, input.enrollment_id, input.step_id, winner)
    if (choice.holdout) {
      return new StepResponse<CheckMessagePressureOutput>({ send: null, variant: "holdout", result: { outcome: "skipped", reason: "holdout", variant: "holdout" } })
    }
    if (!queued) {
      const options = marketing.getOptions().flows
      const storeZone = (await marketing.getScoringSettings()).time_zone
      const zone = zoneOr(time_zone, storeZone)
      if (step.send_at === "best_time") {
        const facts = await bestTimeFacts(
          marketing,
          [{ enrollment_id: input.enrollment_id, contact_id: input.contact_id, key: input.idempotency_key, time_zone }],
          async () => zone
        )
        const quiet = pressure.bypass_quiet_hours ? null : options.quietHours
        const wait = bestTimeHold(step, facts.get(input.idempotency_key), { now, quiet_hours: quiet, variant: choice.variant })
        if (wait) return new StepResponse<CheckMessagePressureOutput>({ send: null, variant: choice.variant, result: wait })
      }
      const verdict = checkPressure({
        now,
        time_zone: zone,
        last_marketing_email_at: await marketing.lastMarketingEmailAt(input.contact_id, now),
        frequency_cap_hours: options.frequencyCapHours,
        quiet_hours: options.quietHours,
        bypass_frequency_cap: pressure.bypass_frequency_cap,
        bypass_quiet_hours: pressure.bypass_quiet_hours,
      })
      if (!verdict.allowed) {
        const result = pressureResult(verdict, { when_held: pressure.when_held, variant: choice.variant, time_zone: zone })
        return new StepResponse<CheckMessagePressureOutput>({ send: null, variant: choice.variant, result })
      }
    }
    const send = flowEmailInput(input, choice)
    return new StepResponse<CheckMessagePressureOutput>({ send, variant: choice.variant, result: null })
  }
)
