import { WorkflowResponse, createWorkflow, transform } from "@medusajs/framework/workflows-sdk"
import type { ReportSettingsPatch } from "../../../modules/marketing/reports/channel-settings"
import { reclassifyContactChannelsStep, saveReportSettingsStep } from "../steps"

export const updateReportSettingsWorkflowId = "update-report-settings"

/**
 * Saves the report settings (attribution windows, cost per email, currency,
 * channel mappings). When the channel mappings change, every contact's first
 * and last channel is classified again from its stored UTM and referrer.
 *
 * @example
 * const { result } = await updateReportSettingsWorkflow(container).run({
 *   input: { click_window_days: 7, channel_mappings: [{ field: "utm_source", value: "spring-promo", channel: "paid_social" }] },
 * })
 */
export const updateReportSettingsWorkflow = createWorkflow(updateReportSettingsWorkflowId, (input: ReportSettingsPatch) => {
  const saved = saveReportSettingsStep(input)
  const reclassify = transform({ saved }, ({ saved }) => ({
    mappings: saved.next.channel_mappings,
    previous_mappings: saved.previous.channel_mappings,
  }))
  const reclassified = reclassifyContactChannelsStep(reclassify)
  return new WorkflowResponse(
    transform({ saved, reclassified }, ({ saved, reclassified }) => ({ settings: saved.next, reclassified: reclassified.updated }))
  )
})
