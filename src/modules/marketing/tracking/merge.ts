import { loadSettings, retotalContact } from "../scoring/engine"
import type { SqlRunner } from "../sql-runner"

/**
 * Moves everything of `sourceId` onto `targetId`: visitors and events,
 * profile fields the target lacks, the earliest first touch and the latest
 * consent. The source is soft-deleted with a pointer to the target.
 * Idempotent: a source already merged is left alone.
 */
export async function mergeContact(em: SqlRunner, sourceId: string, targetId: string): Promise<void> {
  if (sourceId === targetId) {
    return
  }
  const [source] = await em.execute(
    `SELECT id FROM marketing_contact WHERE id = ? AND deleted_at IS NULL FOR UPDATE`,
    [sourceId]
  )
  if (!source) {
    return // already merged
  }
  await em.execute(`UPDATE marketing_visitor SET contact_id = ?, updated_at = now() WHERE contact_id = ?`, [
    targetId,
    sourceId,
  ])
  await em.execute(`UPDATE marketing_event SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
  // Fit describes attributes, which merge below; the target's fit is checked again at its next scoring.
  await em.execute(`DELETE FROM marketing_score_entry WHERE contact_id = ? AND component = 'fit'`, [sourceId])
  await em.execute(`UPDATE marketing_score_entry SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
  await em.execute(`UPDATE marketing_lifecycle_stage_change SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
  await em.execute(
    `UPDATE marketing_contact t SET
       email = COALESCE(t.email, s.email),
       first_name = COALESCE(t.first_name, s.first_name),
       last_name = COALESCE(t.last_name, s.last_name),
       phone = COALESCE(t.phone, s.phone),
       birth_date = COALESCE(t.birth_date, s.birth_date),
       age_band = COALESCE(t.age_band, s.age_band),
       gender = COALESCE(t.gender, s.gender),
       occupation = COALESCE(t.occupation, s.occupation),
       country_code = COALESCE(t.country_code, s.country_code),
       city = COALESCE(t.city, s.city),
       locale = COALESCE(t.locale, s.locale),
       timezone = COALESCE(t.timezone, s.timezone),
       cart_id = COALESCE(t.cart_id, s.cart_id),
       device_type = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.device_type, t.device_type) ELSE COALESCE(t.device_type, s.device_type) END,
       os = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.os, t.os) ELSE COALESCE(t.os, s.os) END,
       browser = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.browser, t.browser) ELSE COALESCE(t.browser, s.browser) END,
       first_utm_source = CASE WHEN s.first_seen_at < t.first_seen_at AND s.first_utm_source IS NOT NULL THEN s.first_utm_source ELSE COALESCE(t.first_utm_source, s.first_utm_source) END,
       first_utm_medium = CASE WHEN s.first_seen_at < t.first_seen_at AND s.first_utm_medium IS NOT NULL THEN s.first_utm_medium ELSE COALESCE(t.first_utm_medium, s.first_utm_medium) END,
       first_utm_campaign = CASE WHEN s.first_seen_at < t.first_seen_at AND s.first_utm_campaign IS NOT NULL THEN s.first_utm_campaign ELSE COALESCE(t.first_utm_campaign, s.first_utm_campaign) END,
       referrer = CASE WHEN s.first_seen_at < t.first_seen_at AND s.referrer IS NOT NULL THEN s.referrer ELSE COALESCE(t.referrer, s.referrer) END,
       landing_page = CASE WHEN s.first_seen_at < t.first_seen_at AND s.landing_page IS NOT NULL THEN s.landing_page ELSE COALESCE(t.landing_page, s.landing_page) END,
       last_utm_source = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.last_utm_source, t.last_utm_source) ELSE COALESCE(t.last_utm_source, s.last_utm_source) END,
       last_utm_medium = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.last_utm_medium, t.last_utm_medium) ELSE COALESCE(t.last_utm_medium, s.last_utm_medium) END,
       last_utm_campaign = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.last_utm_campaign, t.last_utm_campaign) ELSE COALESCE(t.last_utm_campaign, s.last_utm_campaign) END,
       analytics_consent = CASE WHEN COALESCE(s.analytics_consent_at, '-infinity') > COALESCE(t.analytics_consent_at, '-infinity') THEN s.analytics_consent ELSE t.analytics_consent END,
       analytics_consent_source = CASE WHEN COALESCE(s.analytics_consent_at, '-infinity') > COALESCE(t.analytics_consent_at, '-infinity') THEN s.analytics_consent_source ELSE t.analytics_consent_source END,
       analytics_consent_at = GREATEST(s.analytics_consent_at, t.analytics_consent_at),
       email_marketing_consent = CASE WHEN COALESCE(s.email_marketing_consent_at, '-infinity') > COALESCE(t.email_marketing_consent_at, '-infinity') THEN s.email_marketing_consent ELSE t.email_marketing_consent END,
       email_marketing_consent_source = CASE WHEN COALESCE(s.email_marketing_consent_at, '-infinity') > COALESCE(t.email_marketing_consent_at, '-infinity') THEN s.email_marketing_consent_source ELSE t.email_marketing_consent_source END,
       email_marketing_consent_at = GREATEST(s.email_marketing_consent_at, t.email_marketing_consent_at),
       -- Email preferences: the topics either said no to, and the later pause.
       email_topics_opted_out = CASE WHEN s.email_topics_opted_out IS NULL THEN t.email_topics_opted_out
         WHEN t.email_topics_opted_out IS NULL THEN s.email_topics_opted_out
         ELSE (SELECT jsonb_agg(DISTINCT x) FROM jsonb_array_elements(t.email_topics_opted_out || s.email_topics_opted_out) AS x) END,
       email_paused_until = GREATEST(s.email_paused_until, t.email_paused_until),
       first_seen_at = LEAST(t.first_seen_at, s.first_seen_at),
       last_seen_at = GREATEST(t.last_seen_at, s.last_seen_at),
       order_count = t.order_count + s.order_count,
       total_spent = t.total_spent + s.total_spent,
       last_order_at = GREATEST(t.last_order_at, s.last_order_at),
       updated_at = now()
     FROM marketing_contact s
     WHERE t.id = ? AND s.id = ?`,
    [targetId, sourceId]
  )
  await retotalContact(em, targetId, await loadSettings(em), new Date())
  await em.execute(
    `UPDATE marketing_contact SET deleted_at = now(), merged_into_id = ?, customer_id = NULL, cart_id = NULL, updated_at = now() WHERE id = ?`,
    [targetId, sourceId]
  )
}
