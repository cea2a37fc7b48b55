import { Handle, Position, type NodeProps } from "@xyflow/react"
import { Text, clx } from "@medusajs/ui"
import type { CSSProperties } from "react"
import { DEFAULT_NODE_SIZE, stepNumberLines, stepTypeLabel } from "../../../../../../../lib/flows"
import { STEP_ICONS } from "../step-icons"
import type { StepNode as StepNodeType } from "./node-data"

/** Every node's box: the layout places boxes of this size. */
export const NODE_BOX: CSSProperties = {
  width: DEFAULT_NODE_SIZE.width,
  minHeight: DEFAULT_NODE_SIZE.height,
}

/** One step: its type, what it does, its numbers, and the server's complaint if any. */
export const StepNode = ({ data }: NodeProps<StepNodeType>) => {
  const Icon = STEP_ICONS[data.step.type] ?? STEP_ICONS.exit
  const numbers = stepNumberLines(data.step, data.stats)
  const invalid = data.errors.length > 0

  return (
    <div
      className={clx(
        "bg-ui-bg-base flex flex-col gap-y-1 rounded-lg px-3 py-2",
        invalid ? "shadow-borders-error" : data.selected ? "shadow-borders-interactive-with-active" : "shadow-elevation-card-rest"
      )}
      style={NODE_BOX}
      data-testid="flow-node"
      data-step-id={data.stepId}
      data-step-type={data.step.type}
      data-invalid={invalid || undefined}
      title={invalid ? data.errors.join("\n") : undefined}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="text-ui-fg-subtle flex items-center justify-between gap-x-2">
        <div className="flex min-w-0 items-center gap-x-1.5">
          <Icon />
          <Text size="xsmall" weight="plus" className="truncate">
            {data.step.name ?? stepTypeLabel(data.step.type)}
          </Text>
        </div>
        <Text size="xsmall" className="text-ui-fg-muted truncate font-mono">
          {data.stepId}
        </Text>
      </div>
      <Text size="small" leading="compact" className="line-clamp-2">
        {data.summary}
      </Text>
      {numbers.length ? (
        <div className="flex flex-col" data-testid="flow-node-numbers">
          {numbers.map((line) => (
            <Text key={line} size="xsmall" leading="compact" className="text-ui-fg-subtle">
              {line}
            </Text>
          ))}
        </div>
      ) : null}
      {data.earnings ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-interactive" data-testid="flow-node-earnings">
          {data.earnings}
        </Text>
      ) : null}
      {invalid ? (
        <Text size="xsmall" leading="compact" className="text-ui-fg-error" data-testid="flow-node-error">
          {data.errors[0]}
        </Text>
      ) : null}
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  )
}
