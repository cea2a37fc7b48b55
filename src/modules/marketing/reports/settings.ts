import type { SqlRunner } from "../sql-runner"
import { id } from "../scoring/store"

/** One owner-added channel rule: when `field` of a touch equals `value` (case-insensitive), the touch is `channel`. */
export type ChannelMapping = { field: "utm_source" | "utm_medium" | "utm_campaign" | "referrer_domain"; value: string; channel: string }

export type ReportSettingsRow = {
  id: string
  click_window_days: number
  open_window_days: number
  cost_per_email: number
  currency_code: string
  channel_mappings: ChannelMapping[]
}

const find = async (em: SqlRunner) =>
  (await em.execute(`SELECT * FROM marketing_report_settings WHERE deleted_at IS NULL ORDER BY created_at LIMIT 1`))[0]

/** The store's attribution and cost settings: the one row, created with the defaults on first use. */
export async function loadReportSettings(em: SqlRunner): Promise<ReportSettingsRow> {
  let row = await find(em)
  if (!row) {
    await em.execute(`SELECT pg_advisory_xact_lock(hashtext('mma:report-settings'))`)
    row = await find(em)
    if (!row) {
      await em.execute(`INSERT INTO marketing_report_settings (id) VALUES (?)`, [id("mrsets")])
      row = await find(em)
    }
  }
  return {
    id: row.id,
    click_window_days: Number(row.click_window_days),
    open_window_days: Number(row.open_window_days),
    cost_per_email: Number(row.cost_per_email),
    currency_code: row.currency_code,
    channel_mappings: row.channel_mappings ?? [],
  }
}
