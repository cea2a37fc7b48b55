/** A contact in the list. */
export const CONTACT_LIST_FIELDS = ["*"]

/** A contact's detail page: the contact and its visitors. */
export const CONTACT_DETAIL_FIELDS = ["*", "visitors.id", "visitors.anonymous_id", "visitors.created_at"]

/** An event on a contact's timeline. */
export const TIMELINE_EVENT_FIELDS = ["id", "type", "properties", "cart_id", "occurred_at", "received_at", "session_id", "source"]

/** The first timeline page on the contact's detail. */
export const TIMELINE_PAGE = 20

/** A consent record: the proof of one consent change. */
export const CONSENT_RECORD_FIELDS = ["id", "status", "source", "detail", "ip_address", "user_agent", "message_id", "occurred_at"]

/** A score ledger entry. */
export const SCORE_ENTRY_FIELDS = ["id", "score", "component", "delta", "rule_id", "event_id", "reason", "occurred_at"]

/** A lifecycle stage change. */
export const STAGE_CHANGE_FIELDS = ["id", "from_stage", "to_stage", "reason", "changed_at"]
