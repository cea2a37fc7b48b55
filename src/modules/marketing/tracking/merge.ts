import { loadSettings, retotalContact } from "../scoring/engine"
import type { SqlRunner } from "../sql-runner"

/** Fields the target keeps, filled from the source where it has none. */
const FILL_IN = [
  "email", "first_name", "last_name", "phone", "birth_date", "age_band", "gender", "occupation",
  "company", "industry", "job_title",
  "country_code", "city", "locale", "timezone", "cart_id",
]
/** Last-touch fields: the contact seen more recently wins. */
const LAST_TOUCH = ["device_type", "os", "browser"]
const LAST_UTM = ["last_utm_source", "last_utm_medium", "last_utm_campaign", "last_channel"]
/** First-touch fields: the contact seen first wins. */
const FIRST_TOUCH = ["first_utm_source", "first_utm_medium", "first_utm_campaign", "referrer", "landing_page", "first_channel"]
/** Consents with their source and time: the later decision wins. */
const CONSENTS = ["analytics_consent", "email_marketing_consent", "advertising_consent"]

const fillIn = (c: string) => `${c} = COALESCE(t.${c}, s.${c})`
const lastTouch = (c: string) =>
  `${c} = CASE WHEN s.last_seen_at > t.last_seen_at THEN COALESCE(s.${c}, t.${c}) ELSE COALESCE(t.${c}, s.${c}) END`
const firstTouch = (c: string) =>
  `${c} = CASE WHEN s.first_seen_at < t.first_seen_at AND s.${c} IS NOT NULL THEN s.${c} ELSE COALESCE(t.${c}, s.${c}) END`
const laterConsent = (c: string) => {
  const later = `COALESCE(s.${c}_at, '-infinity') > COALESCE(t.${c}_at, '-infinity')`
  return [
    `${c} = CASE WHEN ${later} THEN s.${c} ELSE t.${c} END`,
    `${c}_source = CASE WHEN ${later} THEN s.${c}_source ELSE t.${c}_source END`,
    `${c}_at = GREATEST(s.${c}_at, t.${c}_at)`,
  ].join(",\n       ")
}

/** The SET list that merges source `s` into target `t`, field by field. */
const MERGED_PROFILE = [
  ...FILL_IN.map(fillIn),
  ...LAST_TOUCH.map(lastTouch),
  ...FIRST_TOUCH.map(firstTouch),
  ...LAST_UTM.map(lastTouch),
  ...CONSENTS.map(laterConsent),
].join(",\n       ")

/**
 * Moves everything of `sourceId` onto `targetId`: visitors, events, flow enrollments and step runs,
 * messages and attributions,
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
  // Sessions follow the person; two devices' overlapping sessions stay two sessions.
  await em.execute(`UPDATE marketing_session SET contact_id = ?, updated_at = now() WHERE contact_id = ?`, [targetId, sourceId])
  // Fit describes attributes, which merge below; the target's fit is checked again at its next scoring.
  await em.execute(`DELETE FROM marketing_score_entry WHERE contact_id = ? AND component = 'fit'`, [sourceId])
  await em.execute(`UPDATE marketing_score_entry SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
  await em.execute(`UPDATE marketing_lifecycle_stage_change SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
  // Predictions summarise one contact's orders (propensity and send time: behaviour); the next fit makes the target's again.
  await em.execute(`DELETE FROM marketing_contact_prediction WHERE contact_id = ?`, [sourceId])
  await em.execute(`DELETE FROM marketing_contact_propensity WHERE contact_id = ?`, [sourceId])
  await em.execute(`DELETE FROM marketing_contact_send_time WHERE contact_id = ?`, [sourceId])
  // Flows: one active enrollment per contact and flow, so where both are in a flow the target's goes on.
  await em.execute(
    `UPDATE marketing_flow_enrollment s SET status = 'exited', end_reason = 'merged', ended_at = now(), current_step_id = NULL,
       next_run_at = NULL, locked_until = NULL, wait_until = NULL, updated_at = now()
     WHERE s.contact_id = ? AND s.status = 'active' AND EXISTS (SELECT 1 FROM marketing_flow_enrollment t
       WHERE t.contact_id = ? AND t.flow_id = s.flow_id AND t.status = 'active' AND t.deleted_at IS NULL)`,
    [sourceId, targetId]
  )
  await em.execute(`UPDATE marketing_flow_enrollment SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
  await em.execute(`UPDATE marketing_flow_step_run SET contact_id = ? WHERE contact_id = ?`, [targetId, sourceId])
  // Email sent to the source, and orders credited to it, are the person's: frequency caps, "opened this flow's
  // last email", the contact's history and CAC read them by the live contact.
  await em.execute(`UPDATE marketing_message SET contact_id = ?, updated_at = now() WHERE contact_id = ?`, [targetId, sourceId])
  await em.execute(`UPDATE marketing_attribution SET contact_id = ?, updated_at = now() WHERE contact_id = ?`, [targetId, sourceId])
  // Form submissions are the person's too (a subscribed contact sees no signup form; export and erasure find them).
  await em.execute(`UPDATE marketing_form_submission SET contact_id = ?, updated_at = now() WHERE contact_id = ?`, [targetId, sourceId])
  await em.execute(
    `UPDATE marketing_contact t SET
       ${MERGED_PROFILE},
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
       sessions_count = t.sessions_count + s.sessions_count,
       engaged_ms = LEAST(t.engaged_ms::bigint + s.engaged_ms, 2147483647),
       last_session_at = GREATEST(t.last_session_at, s.last_session_at),
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
