/** The fields of a segment in list and detail answers. */
export const SEGMENT_FIELDS = [
  "id", "name", "description", "definition", "built_in_key", "mirror_to_customer_group",
  "customer_group_id", "member_count", "built_at", "created_at", "updated_at",
]
