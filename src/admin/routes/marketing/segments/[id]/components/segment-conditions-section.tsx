import { Container, Text } from "@medusajs/ui"
import { useMemo } from "react"
import { SectionHeader } from "../../../../../components/section-header"
import {
  useCustomerGroupOptions,
  useSegments,
} from "../../../../../hooks/api/segments"
import { describeLeaf } from "../../../../../lib/segments"
import type { SegmentNode } from "../../../../../lib/types"

type Names = { segments: Map<string, string>; groups: Map<string, string> }

const GROUP_LABELS = {
  and: { plain: "All of", negated: "Not all of" },
  or: { plain: "Any of", negated: "None of" },
}

const isGroup = (node: SegmentNode): node is { and: SegmentNode[] } | { or: SegmentNode[] } =>
  Array.isArray((node as { and?: unknown }).and) ||
  Array.isArray((node as { or?: unknown }).or)

const NodeSummary = ({
  node,
  names,
  negated = false,
}: {
  node: SegmentNode
  names: Names
  negated?: boolean
}) => {
  if ("not" in node && Object.keys(node).length === 1) {
    return <NodeSummary node={node.not} names={names} negated={!negated} />
  }
  if (isGroup(node)) {
    const operator = "and" in node ? "and" : "or"
    const children = "and" in node ? node.and : node.or
    return (
      <div className="flex flex-col gap-y-2">
        <Text size="small" leading="compact" weight="plus">
          {GROUP_LABELS[operator][negated ? "negated" : "plain"]}
        </Text>
        <ul className="flex flex-col gap-y-2 border-l pl-3">
          {children.map((child, index) => (
            <li key={index}>
              <NodeSummary node={child} names={names} />
            </li>
          ))}
        </ul>
      </div>
    )
  }
  return (
    <Text size="small" leading="compact" className="text-ui-fg-subtle break-words">
      {negated ? "Not: " : ""}
      {describeLeaf(node, names)}
    </Text>
  )
}

/** The segment's conditions in words. */
export const SegmentConditionsSection = ({
  definition,
}: {
  definition: SegmentNode
}) => {
  const { segments } = useSegments({ limit: 200 })
  const { customer_groups } = useCustomerGroupOptions()
  const names = useMemo<Names>(
    () => ({
      segments: new Map((segments ?? []).map((s) => [s.id, s.name])),
      groups: new Map(
        (customer_groups ?? []).map((g) => [g.id, g.name ?? g.id])
      ),
    }),
    [segments, customer_groups]
  )

  return (
    <Container className="divide-y p-0" data-testid="segment-conditions">
      <SectionHeader title="Conditions" />
      <div className="px-6 py-4">
        <NodeSummary node={definition} names={names} />
      </div>
    </Container>
  )
}
