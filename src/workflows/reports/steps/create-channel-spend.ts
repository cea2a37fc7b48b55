import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import { marketingOf } from "../../utils/marketing"

export type ChannelSpendInput = {
  month: string
  channel: string
  amount: number
  currency_code: string
  utm_source?: string | null
  utm_campaign?: string | null
  note?: string | null
}

export const createChannelSpendStepId = "create-channel-spend"

/** Records one month's spend on a channel; compensation deletes it. */
export const createChannelSpendStep = createStep(
  createChannelSpendStepId,
  async (input: ChannelSpendInput, { container }) => {
    const spend = await marketingOf(container).createChannelSpends(input)
    return new StepResponse(spend, spend.id)
  },
  async (id, { container }) => {
    if (!id) return
    await marketingOf(container).deleteChannelSpends([id])
  }
)
