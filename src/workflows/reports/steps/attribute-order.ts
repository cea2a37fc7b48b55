import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { AttributionRow, OrderConversion } from "../../../modules/marketing/reports/attribution"
import { marketingOf } from "../../utils/marketing"

export const attributeOrderStepId = "attribute-order"

/**
 * Credits the order to its contact's last click within the click window,
 * else last open within the open window (report settings). Idempotent per
 * order; compensation removes the row this step created.
 */
export const attributeOrderStep = createStep(
  attributeOrderStepId,
  async (input: { order: OrderConversion | null }, { container }) => {
    if (!input.order) return new StepResponse(null as AttributionRow | null, [] as string[])
    const row = await marketingOf(container).attributeOrder(input.order)
    return new StepResponse(row as AttributionRow | null, row ? [row.id] : [])
  },
  async (created, { container }) => {
    if (created?.length) await marketingOf(container).removeAttributionRows(created)
  }
)
