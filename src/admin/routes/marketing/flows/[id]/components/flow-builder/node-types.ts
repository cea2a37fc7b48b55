import { StepNode } from "./nodes/step-node"
import { TriggerNode } from "./nodes/trigger-node"

// Built once at module level, so React Flow always gets the same object.
export const NODE_TYPES = { trigger: TriggerNode, step: StepNode }
