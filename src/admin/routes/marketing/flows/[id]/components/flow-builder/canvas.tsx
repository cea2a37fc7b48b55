import {
  Background,
  Controls,
  MarkerType,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
  type Edge,
} from "@xyflow/react"
import xyflowCss from "@xyflow/react/dist/style.css?inline"
import { useEffect, useMemo, type ReactNode } from "react"
import {
  TRIGGER_NODE_ID,
  describeStep,
  describeTrigger,
  edgeLabel,
  flowToGraph,
  layoutFlowGraph,
  type NameLookup,
} from "../../../../../../lib/flows"
import type { FlowDefinition, FlowStepStats } from "../../../../../../lib/types"
import { NODE_TYPES } from "./node-types"
import type { CanvasNode } from "./nodes/node-data"

const FIT_VIEW = { padding: 0.15, maxZoom: 1 }

type FlowCanvasProps = {
  definition: Partial<FlowDefinition>
  stats?: Record<string, FlowStepStats>
  /** What each send step earned over the Performance section's period, in words (reports API). */
  earnings?: Record<string, string | null>
  /** Server messages by step id. */
  errors?: Record<string, string[]>
  names?: NameLookup
  selectedStepId?: string | null
  onSelectStep?: (stepId: string) => void
  /** Shown over the canvas, under the trigger (a flow with no steps yet). */
  overlay?: ReactNode
}

/**
 * The flow as a graph, laid out top to bottom (dagre): the trigger, every
 * step with its numbers, edges labelled with their branch and how many took
 * it. Zoom, pan and "fit" from the controls; nodes are placed by the layout,
 * not dragged.
 */
export const FlowCanvas = (props: FlowCanvasProps) => (
  <ReactFlowProvider>
    <Canvas {...props} />
  </ReactFlowProvider>
)

const Canvas = ({ definition, stats, earnings, errors, names, selectedStepId, onSelectStep, overlay }: FlowCanvasProps) => {
  const graph = useMemo(() => flowToGraph(definition), [definition])
  const positioned = useMemo(() => layoutFlowGraph(graph), [graph])

  const nodes = useMemo<CanvasNode[]>(
    () =>
      positioned.map((node) =>
        node.kind === "trigger"
          ? {
              id: node.id,
              type: "trigger" as const,
              position: node.position,
              data: { text: describeTrigger(definition.trigger, names) },
              draggable: false,
            }
          : {
              id: node.id,
              type: "step" as const,
              position: node.position,
              data: {
                stepId: node.id,
                step: node.step,
                summary: describeStep(node.step, names),
                stats: stats?.[node.id],
                earnings: earnings?.[node.id] ?? null,
                errors: errors?.[node.id] ?? [],
                selected: node.id === selectedStepId,
              },
              draggable: false,
            }
      ),
    [positioned, definition.trigger, names, stats, earnings, errors, selectedStepId]
  )

  const edges = useMemo<Edge[]>(
    () =>
      graph.edges.map((edge) => ({
        id: edge.id,
        source: edge.source,
        target: edge.target,
        type: "smoothstep",
        label: edgeLabel(edge, stats),
        labelBgPadding: [6, 2] as [number, number],
        labelBgBorderRadius: 4,
        markerEnd: { type: MarkerType.ArrowClosed },
        data: { branch: edge.branch },
      })),
    [graph, stats]
  )

  // Steps added or deleted: fit the graph again, so the new one is in view.
  const { fitView } = useReactFlow()
  useEffect(() => {
    const timer = setTimeout(() => fitView(FIT_VIEW), 50)
    return () => clearTimeout(timer)
  }, [nodes.length, fitView])

  return (
    <div style={{ height: 640 }} className="relative w-full" data-testid="flow-canvas" data-nodes={nodes.length}>
      <style>{xyflowCss}</style>
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={NODE_TYPES}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.2}
        maxZoom={1.5}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable
        onNodeClick={(_, node) => node.id !== TRIGGER_NODE_ID && onSelectStep?.(node.id)}
      >
        <Background gap={16} />
        <Controls showInteractive={false} />
      </ReactFlow>
      {overlay ? (
        // Below the trigger (centred by fitView); inline style: the dashboard's CSS lacks pointer-events-auto for a click-through cover.
        <div className="absolute" style={{ left: "50%", top: "75%", transform: "translate(-50%, -50%)" }}>
          {overlay}
        </div>
      ) : null}
    </div>
  )
}
