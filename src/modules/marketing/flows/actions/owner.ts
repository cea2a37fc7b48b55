/**
 * The owner an `assign_owner` step gives: `fixed` always the first id;
 * `round_robin` the id after the last one this step assigned (the first when
 * none, or when the last is no longer in the list).
 */
export function pickOwner(userIds: readonly string[], mode: "round_robin" | "fixed", lastAssigned: string | null): string {
  if (!userIds.length) throw new Error("user_ids is empty")
  if (mode === "fixed" || !lastAssigned) return userIds[0]
  const at = userIds.indexOf(lastAssigned)
  return userIds[(at + 1) % userIds.length]
}
