/**
 * The owner an `assign_owner` step gives: `fixed` always the first id;
 * `round_robin` the id whose turn it is (the step's turns count up from 0,
 * one per contact assigned, so the team is gone round in order).
 */
export function pickOwner(userIds: readonly string[], mode: "round_robin" | "fixed", turn: number): string {
  if (!userIds.length) throw new Error("user_ids is empty")
  if (mode === "fixed") return userIds[0]
  return userIds[((turn % userIds.length) + userIds.length) % userIds.length]
}
