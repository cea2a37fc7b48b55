import { StepResponse, createStep } from "@medusajs/framework/workflows-sdk"
import type { ReportSettingsPatch } from "../../../modules/marketing/reports/channel-settings"
import { marketingOf } from "../../utils/marketing"

export const saveReportSettingsStepId = "save-report-settings"

/** Saves the report settings; compensation puts the previous ones back. Returns the row before and after. */
export const saveReportSettingsStep = createStep(
  saveReportSettingsStepId,
  async (patch: ReportSettingsPatch, { container }) => {
    const saved = await marketingOf(container).saveReportSettings(patch)
    return new StepResponse(saved, saved.previous)
  },
  async (previous, { container }) => {
    if (!previous) return
    const { id, ...restore } = previous
    await marketingOf(container).saveReportSettings(restore)
  }
)
