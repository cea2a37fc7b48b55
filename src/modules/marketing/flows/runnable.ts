import { STEP_TYPES, type StepType } from "./types"

/**
 * The step types the engine runs. Validation refuses a flow with any other
 * type ("the engine cannot run … steps yet"), so nothing is published that
 * would stall. Today that is every step type of the definition.
 */
export const RUNNABLE_STEP_TYPES: readonly StepType[] = STEP_TYPES
