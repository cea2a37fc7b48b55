import { updateRecordStep } from "../../utils/update-record-step"
import type { ChannelSpendInput } from "./create-channel-spend"

export const updateChannelSpendStepId = "update-channel-spend"

/** Updates one spend row; compensation writes its previous values back. */
export const updateChannelSpendStep = updateRecordStep<Partial<ChannelSpendInput>>(updateChannelSpendStepId, {
  retrieve: (marketing, id) => marketing.retrieveChannelSpend(id),
  update: (marketing, data) => marketing.updateChannelSpends(data as any),
})
