import type { Node } from "@xyflow/react"
import type { FlowStep, FlowStepStats } from "../../../../../../../lib/types"

export type TriggerNodeData = { text: string; entered?: number }
export type StepNodeData = {
  stepId: string
  step: FlowStep
  summary: string
  stats?: FlowStepStats
  /** "Last 30 days: 2 conversions · €240.00", from the flow's report; null when nothing was earned. */
  earnings?: string | null
  /** The server's messages about this step (validation). */
  errors: string[]
  selected: boolean
}

export type TriggerNode = Node<TriggerNodeData, "trigger">
export type StepNode = Node<StepNodeData, "step">
export type CanvasNode = TriggerNode | StepNode
