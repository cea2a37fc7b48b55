import { Handle, Position, type NodeProps } from "@xyflow/react"
import { Text } from "@medusajs/ui"
import { TriggerIcon } from "../step-icons"
import type { TriggerNode as TriggerNodeType } from "./node-data"
import { NODE_BOX } from "./step-node"

/** The trigger, on top of the canvas. */
export const TriggerNode = ({ data }: NodeProps<TriggerNodeType>) => (
  <div
    className="bg-ui-bg-component shadow-elevation-card-rest flex flex-col gap-y-1 rounded-lg px-3 py-2"
    style={NODE_BOX}
    data-testid="flow-node-trigger"
  >
    <div className="text-ui-fg-subtle flex items-center gap-x-1.5">
      <TriggerIcon />
      <Text size="xsmall" weight="plus">
        Trigger
      </Text>
    </div>
    <Text size="small" leading="compact" className="line-clamp-2">
      {data.text}
    </Text>
    <Handle type="source" position={Position.Bottom} isConnectable={false} />
  </div>
)
