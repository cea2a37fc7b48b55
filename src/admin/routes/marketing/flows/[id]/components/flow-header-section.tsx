import { Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text } from "@medusajs/ui"
import { ActionMenu } from "../../../../../components/action-menu"
import {
  FLOW_ACTION_COPY,
  canDeleteFlow,
  canRunFlowAction,
  describeTrigger,
  type FlowAction,
  type NameLookup,
} from "../../../../../lib/flows"
import { formatCount, formatDate } from "../../../../../lib/format"
import type { Flow, FlowVersion } from "../../../../../lib/types"
import { FlowStatusBadge } from "../../components/flow-status-badge"
import type { useFlowActions } from "../../components/use-flow-actions"
import type { FlowView } from "./flow-view"
import { FlowVersionSelect } from "./flow-version-select"

/** The flow's name, status, trigger and figures; the version picker; publish, pause, resume and the menu. */
export const FlowHeaderSection = ({
  flow,
  versions,
  view,
  picked,
  onPick,
  actions,
  canPublish,
  names,
  onDelete,
  onOpenSettings,
}: {
  flow: Flow
  versions: FlowVersion[]
  view: FlowView
  picked: string
  onPick: (value: string) => void
  actions: ReturnType<typeof useFlowActions>
  /** False while the draft has problems. */
  canPublish: boolean
  names: NameLookup
  onDelete: () => void
  /** Opens the settings panel; left out when the flow shown cannot be edited. */
  onOpenSettings?: () => void
}) => {
  const button = (action: FlowAction, variant: "primary" | "secondary", disabled = false) =>
    canRunFlowAction(flow.status, action) ? (
      <Button
        size="small"
        variant={variant}
        disabled={disabled || actions.isPending}
        onClick={() => actions.request(flow, action)}
        data-testid={`flow-${action}`}
      >
        {FLOW_ACTION_COPY[action].label}
      </Button>
    ) : null
  const menu = actions.menuFor(flow).filter((item) => item.label === "Duplicate" || item.label === "Archive")

  return (
    <Container className="flex flex-col gap-y-3 px-6 py-4">
      <div className="flex flex-col items-start justify-between gap-3 md:flex-row md:items-center">
        <div className="flex min-w-0 items-center gap-x-3">
          <Heading level="h1" data-testid="flow-name">
            {flow.name}
          </Heading>
          <FlowStatusBadge status={flow.status} />
        </div>
        <div className="flex items-center gap-x-2">
          {versions.length ? (
            <div className="w-[240px]">
              <FlowVersionSelect flow={flow} versions={versions} value={picked} onChange={onPick} />
            </div>
          ) : null}
          {onOpenSettings ? (
            <Button size="small" variant="secondary" onClick={onOpenSettings} data-testid="flow-settings">
              Flow settings
            </Button>
          ) : null}
          {button("publish", "primary", !canPublish)}
          {button("pause", "secondary")}
          {button("resume", "secondary")}
          <ActionMenu
            label="Flow actions"
            testId="flow-actions"
            groups={[
              menu,
              canDeleteFlow(flow.status)
                ? [{ label: "Delete", icon: <Trash />, onClick: onDelete, testId: "flow-delete-action" }]
                : [],
            ].filter((group) => group.length)}
          />
        </div>
      </div>
      {flow.description ? (
        <Text size="small" className="text-ui-fg-subtle">
          {flow.description}
        </Text>
      ) : null}
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1">
        <Text size="small" data-testid="flow-trigger">
          {describeTrigger(view.definition.trigger, names)}
        </Text>
        <Text size="small" className="text-ui-fg-subtle">
          {formatCount(flow.active_enrollment_count)} in the flow · {formatCount(flow.entered_last_30_days)} entered and{" "}
          {formatCount(flow.converted_last_30_days)} converted in 30 days
        </Text>
      </div>
      {view.kind === "version" ? (
        <div className="flex items-center gap-x-2" data-testid="flow-readonly">
          <Badge size="2xsmall" color="orange">
            Read-only
          </Badge>
          <Text size="small" className="text-ui-fg-subtle">
            Version {view.version.version}, published {formatDate(view.version.published_at)}
            {view.version.id === flow.active_version_id ? ": the version contacts enter now." : ". Contacts who entered it still follow it."}
          </Text>
        </div>
      ) : null}
    </Container>
  )
}
