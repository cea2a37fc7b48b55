import type { StepType } from "./types"

/**
 * The step types the engine runs today. Validation refuses a flow with any
 * other type ("the engine cannot run … steps yet"), so nothing is published
 * that would stall. Every step type of the definition runs today.
 */
export const RUNNABLE_STEP_TYPES: readonly StepType[] = [
  "send_email",
  "wait",
  "wait_for_event",
  "condition",
  "random_split",
  "update_contact",
  "customer_group",
  "create_discount",
  "webhook",
  "notify_team",
  "assign_owner",
  "exit",
]
