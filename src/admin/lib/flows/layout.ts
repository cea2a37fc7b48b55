/**
 * A flow definition as a graph for the canvas, laid out top to bottom by
 * dagre: the trigger on top, then every step, edges labelled with their
 * branch. Pure TypeScript (no Medusa, no React), so it is unit tested.
 */
import dagre from "@dagrejs/dagre"
import type { FlowDefinition, FlowStep } from "./types"

/** The trigger's node id: no step id can take it (ids are letters, digits, - and _ but this starts with two). */
export const TRIGGER_NODE_ID = "__trigger"

export type FlowGraphNode =
  | { id: typeof TRIGGER_NODE_ID; kind: "trigger" }
  | { id: string; kind: "step"; step: FlowStep }

export type FlowGraphEdge = {
  id: string
  source: string
  target: string
  /** What the step runs record as the branch taken ("yes", "no", a split's key); none for `next`. */
  branch?: string
  /** What the canvas writes on the edge. */
  label?: string
}

export type FlowGraph = { nodes: FlowGraphNode[]; edges: FlowGraphEdge[] }

/** A step's outgoing links, in the order they are drawn (left to right). */
export const stepLinks = (step: FlowStep): { target: string; branch?: string; label?: string }[] => {
  const s = step as Record<string, any>
  switch (step.type) {
    case "condition":
      return [
        { target: step.yes, branch: "yes", label: "Yes" },
        { target: step.no, branch: "no", label: "No" },
      ]
    case "wait_for_event":
      return [
        { target: step.yes, branch: "yes", label: "Happened" },
        { target: step.no, branch: "no", label: "Timed out" },
      ]
    case "random_split":
      return (step.branches ?? []).map((b) => ({ target: b.next, branch: b.key, label: `${b.key.toUpperCase()} · ${b.percent}%` }))
    case "exit":
      return []
    default:
      return typeof s.next === "string" ? [{ target: s.next }] : []
  }
}

/**
 * The nodes and edges of a definition. A draft may be unfinished: links to
 * steps that do not exist are left out (validation names them), and steps no
 * link reaches are still drawn.
 */
export const flowToGraph = (definition: Partial<FlowDefinition> | null | undefined): FlowGraph => {
  const steps = definition?.steps ?? {}
  const nodes: FlowGraphNode[] = [{ id: TRIGGER_NODE_ID, kind: "trigger" }]
  const edges: FlowGraphEdge[] = []
  const start = definition?.start
  if (start && steps[start]) {
    edges.push({ id: `${TRIGGER_NODE_ID}->${start}`, source: TRIGGER_NODE_ID, target: start })
  }
  for (const [id, step] of Object.entries(steps)) {
    nodes.push({ id, kind: "step", step })
    for (const link of stepLinks(step)) {
      if (typeof link.target !== "string" || !steps[link.target]) continue
      edges.push({
        id: `${id}->${link.target}${link.branch ? `:${link.branch}` : ""}`,
        source: id,
        target: link.target,
        ...(link.branch ? { branch: link.branch } : {}),
        ...(link.label ? { label: link.label } : {}),
      })
    }
  }
  return { nodes, edges }
}

export type NodeSize = { width: number; height: number }
export type Positioned<T> = T & { position: { x: number; y: number } }

export type LayoutOptions = {
  /** Each node's size (the canvas's node boxes). */
  sizeOf?: (node: FlowGraphNode) => NodeSize
  /** Space between ranks and between nodes of one rank. */
  rankSep?: number
  nodeSep?: number
}

export const DEFAULT_NODE_SIZE: NodeSize = { width: 260, height: 96 }

/**
 * Top-left positions for every node, top to bottom: each edge goes down a
 * rank unless it closes a loop. Deterministic for one graph.
 */
export const layoutFlowGraph = (graph: FlowGraph, options: LayoutOptions = {}): Positioned<FlowGraphNode>[] => {
  const sizeOf = options.sizeOf ?? (() => DEFAULT_NODE_SIZE)
  const g = new dagre.graphlib.Graph({ multigraph: true })
  g.setGraph({ rankdir: "TB", ranksep: options.rankSep ?? 64, nodesep: options.nodeSep ?? 48, marginx: 0, marginy: 0 })
  g.setDefaultEdgeLabel(() => ({}))
  for (const node of graph.nodes) g.setNode(node.id, { ...sizeOf(node) })
  for (const edge of graph.edges) g.setEdge(edge.source, edge.target, {}, edge.id)
  dagre.layout(g)
  return graph.nodes.map((node) => {
    const { x, y, width, height } = g.node(node.id) as { x: number; y: number; width: number; height: number }
    // dagre gives centres; the canvas places nodes by their top-left corner.
    return { ...node, position: { x: Math.round(x - width / 2), y: Math.round(y - height / 2) } }
  })
}
