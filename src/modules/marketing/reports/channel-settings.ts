import type { SqlRunner } from "../sql-runner"
import { classifyChannel, hasTouch, hostOf, type ChannelRule } from "./channels"
import { loadReportSettings, type ReportSettingsRow } from "./settings"

export type ReportSettingsPatch = Partial<Omit<ReportSettingsRow, "id">>

/** Writes the given settings fields on the one row; returns the row before and after. */
export async function saveReportSettings(
  em: SqlRunner,
  patch: ReportSettingsPatch
): Promise<{ previous: ReportSettingsRow; next: ReportSettingsRow }> {
  const previous = await loadReportSettings(em)
  await em.execute(
    `UPDATE marketing_report_settings SET
       click_window_days = COALESCE(?::real, click_window_days),
       open_window_days = COALESCE(?::real, open_window_days),
       cost_per_email = COALESCE(?::real, cost_per_email),
       currency_code = COALESCE(?, currency_code),
       channel_mappings = CASE WHEN ?::boolean THEN ?::jsonb ELSE channel_mappings END,
       updated_at = now()
     WHERE id = ?`,
    [
      patch.click_window_days ?? null,
      patch.open_window_days ?? null,
      patch.cost_per_email ?? null,
      patch.currency_code?.toLowerCase() ?? null,
      patch.channel_mappings !== undefined,
      JSON.stringify(patch.channel_mappings ?? []),
      previous.id,
    ]
  )
  return { previous, next: await loadReportSettings(em) }
}

type ContactTouchRow = {
  id: string
  first_utm_source: string | null
  first_utm_medium: string | null
  first_utm_campaign: string | null
  last_utm_source: string | null
  last_utm_medium: string | null
  last_utm_campaign: string | null
  referrer: string | null
  landing_page: string | null
  first_channel: string | null
  last_channel: string | null
}

/**
 * One batch of the re-classification after a mapping change: the contacts
 * after `afterId` (id order) that have a stored touch. Their first channel is
 * classified again from the first UTM, referrer and landing page; their last
 * channel from the last UTM, or, when the contact has no last UTM and its last
 * channel was its first one, follows the new first channel. A `direct` channel
 * stays: that visit had no touch for a mapping to match. Changed rows are
 * written in one set-based UPDATE. Returns the last id seen (null when done)
 * and how many contacts changed.
 */
export async function reclassifyContactChannelsBatch(
  em: SqlRunner,
  mappings: readonly ChannelRule[],
  afterId: string | null,
  limit = 1000
): Promise<{ last_id: string | null; updated: number }> {
  const rows: ContactTouchRow[] = await em.execute(
    `SELECT id, first_utm_source, first_utm_medium, first_utm_campaign, last_utm_source, last_utm_medium,
            last_utm_campaign, referrer, landing_page, first_channel, last_channel
       FROM marketing_contact
      WHERE deleted_at IS NULL AND id > ?
        AND (first_utm_source IS NOT NULL OR first_utm_medium IS NOT NULL OR first_utm_campaign IS NOT NULL
             OR last_utm_source IS NOT NULL OR last_utm_medium IS NOT NULL OR last_utm_campaign IS NOT NULL
             OR referrer IS NOT NULL OR landing_page IS NOT NULL)
      ORDER BY id
      LIMIT ?`,
    [afterId ?? "", limit]
  )
  const changes: { id: string; first_channel: string | null; last_channel: string | null }[] = []
  for (const row of rows) {
    const store_host = hostOf(row.landing_page) ?? null
    const firstTouch = {
      utm_source: row.first_utm_source,
      utm_medium: row.first_utm_medium,
      utm_campaign: row.first_utm_campaign,
      referrer: row.referrer,
      landing_page: row.landing_page,
      store_host,
    }
    // A direct first visit had no touch, so no mapping applies to it (its stored first UTM came later).
    const first =
      row.first_channel !== "direct" && hasTouch(firstTouch) ? classifyChannel(firstTouch, mappings) : row.first_channel
    const lastTouch = { utm_source: row.last_utm_source, utm_medium: row.last_utm_medium, utm_campaign: row.last_utm_campaign }
    const last = row.last_channel === "direct"
      ? row.last_channel
      : hasTouch(lastTouch)
      ? classifyChannel(lastTouch, mappings)
      : row.last_channel === null || row.last_channel === row.first_channel
        ? first
        : row.last_channel
    if (first !== row.first_channel || last !== row.last_channel) {
      changes.push({ id: row.id, first_channel: first, last_channel: last })
    }
  }
  if (changes.length) {
    await em.execute(
      `UPDATE marketing_contact c SET first_channel = r.first_channel, last_channel = r.last_channel, updated_at = now()
         FROM jsonb_to_recordset(?::jsonb) AS r(id text, first_channel text, last_channel text)
        WHERE c.id = r.id`,
      [JSON.stringify(changes)]
    )
  }
  return { last_id: rows.length === limit ? rows[rows.length - 1].id : null, updated: changes.length }
}
