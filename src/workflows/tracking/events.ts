import type { IngestEventsResult, PreparedEvent } from "../../modules/marketing/tracking/types"

/** Events the plugin emits on Medusa's event bus. */
export const MarketingEvents = {
  /** Data: `{ contact_id, types, event_ids }`, one per contact that received events (`event_ids`: those this run stored on it). */
  EVENTS_RECORDED: "marketing.events_recorded",
  /** Data: `{ source_id, target_id }`: the source contact now lives on as the target. */
  CONTACT_MERGED: "marketing.contact_merged",
  /** Data: `{ contact_id, from_stage, to_stage, reason, changed_at }`. */
  LIFECYCLE_STAGE_CHANGED: "marketing.lifecycle_stage_changed",
  /** Data: `{ contact_id, score, threshold, value, direction, score_value }`. */
  SCORE_THRESHOLD_CROSSED: "marketing.score_threshold_crossed",
  /** Data: `{ id }`: a recompute row to run in the background. */
  SCORING_RECOMPUTE_REQUESTED: "marketing.scoring_recompute_requested",
  /** Data: `{ id }`: a contact export to run in the background. */
  CONTACT_EXPORT_REQUESTED: "marketing.contact_export_requested",
  /** Data: `{ segment_id, contact_id, entered_at }`. */
  SEGMENT_ENTERED: "marketing.segment_entered",
  /** Data: `{ segment_id, contact_id, exited_at }`. */
  SEGMENT_EXITED: "marketing.segment_exited",
  /** Data: `{ contact_id, status, previous, source }`: email marketing consent changed (`pending` awaits a double opt-in click). */
  EMAIL_CONSENT_CHANGED: "marketing.email_consent_changed",
  /** Data: `{ id }`: the contact (and those merged into it) was erased; only suppression hashes remain. */
  CONTACT_ERASED: "marketing.contact_erased",
  /** Data: `{ id, enrollment_id, flow_id, contact_id, step_id, step_type, outcome }`: a flow step ran (`id` is the step run). */
  FLOW_STEP_RAN: "marketing.flow_step_ran",
  /** Data: `{ id, contact_id, status, reason }`: an enrollment ended (`completed`, `exited` or `converted`). */
  FLOW_ENROLLMENT_ENDED: "marketing.flow_enrollment_ended",
} as const

/** One `events_recorded` message per contact, and one per merge. */
export function recordedEventsPayload({ result, events }: { result: IngestEventsResult; events: PreparedEvent[] }) {
  const typesByContact = new Map<string, Set<string>>()
  result.contact_ids.forEach((contactId, index) => {
    if (!contactId) return
    const types = typesByContact.get(contactId) ?? new Set<string>()
    types.add(events[index].type)
    typesByContact.set(contactId, types)
  })
  // Pending cart events attached to their owner count as the owner's new events.
  for (const { contact_id, types } of result.attached ?? []) {
    const known = typesByContact.get(contact_id) ?? new Set<string>()
    for (const type of types) known.add(type)
    typesByContact.set(contact_id, known)
  }
  const idsByContact = new Map<string, string[]>()
  for (const e of result.stored ?? []) {
    const ids = idsByContact.get(e.contact_id)
    if (ids) ids.push(e.id)
    else idsByContact.set(e.contact_id, [e.id])
  }
  const recorded =
    result.recorded || result.attached?.length
      ? [...typesByContact]
          .filter(([, types]) => types.size)
          .map(([contact_id, types]) => ({ contact_id, types: [...types], event_ids: idsByContact.get(contact_id) ?? [] }))
      : []
  return {
    recorded,
    merges: result.merges,
    stage_changes: result.stage_changes ?? [],
    crossings: result.crossings ?? [],
    consent_changes: result.email_consent_changes ?? [],
  }
}

/** Everything a tracking run announces, as messages in the order subscribers have always received them. */
export function recordedEventMessages(input: { result: IngestEventsResult; events: PreparedEvent[] }) {
  const payload = recordedEventsPayload(input)
  const of = (name: string, rows: object[]) => rows.map((data) => ({ name, data: data as Record<string, unknown> }))
  return [
    ...of(MarketingEvents.EVENTS_RECORDED, payload.recorded),
    ...of(MarketingEvents.CONTACT_MERGED, payload.merges),
    ...of(MarketingEvents.LIFECYCLE_STAGE_CHANGED, payload.stage_changes),
    ...of(MarketingEvents.SCORE_THRESHOLD_CROSSED, payload.crossings),
    ...of(MarketingEvents.EMAIL_CONSENT_CHANGED, payload.consent_changes),
  ]
}
