/** The fields of a flow in list and detail answers. */
export const FLOW_FIELDS = [
  "id", "name", "description", "status", "definition", "active_version_id", "version_count", "recipe_key",
  "published_at", "paused_at", "archived_at", "created_at", "updated_at",
]

/** The fields of a published version. */
export const FLOW_VERSION_FIELDS = ["id", "flow_id", "version", "definition", "trigger_type", "published_at", "created_at"]
