import { ArchiveBox, SquareTwoStack, PauseSolid, PlaySolid, RocketLaunch } from "@medusajs/icons"
import { toast } from "@medusajs/ui"
import { useCallback, useState, type ReactNode } from "react"
import { useNavigate } from "react-router-dom"
import { ConfirmPrompt } from "../../../../components/confirm-prompt"
import type { RowAction } from "../../../../components/list-table"
import { useRunFlowAction } from "../../../../hooks/api/flows"
import {
  FLOW_ACTION_COPY,
  flowActionsFor,
  type FlowAction,
} from "../../../../lib/flows"
import type { Flow } from "../../../../lib/types"

const ICONS: Record<FlowAction, ReactNode> = {
  publish: <RocketLaunch />,
  pause: <PauseSolid />,
  resume: <PlaySolid />,
  duplicate: <SquareTwoStack />,
  archive: <ArchiveBox />,
}

export const flowHref = (flow: Pick<Flow, "id">) => `/marketing/flows/${flow.id}`

type Target = Pick<Flow, "id" | "name" | "status">

/**
 * Publish, pause, resume, duplicate and archive, for the list's rows and
 * the flow page: the ones that can undo nothing are asked first (Medusa's
 * prompt), each outcome is toasted, and a copy opens when it is made.
 * Render `prompt` somewhere on the page.
 */
export const useFlowActions = () => {
  const navigate = useNavigate()
  const mutation = useRunFlowAction()
  const [asking, setAsking] = useState<{ flow: Target; action: FlowAction } | null>(null)

  const run = useCallback(
    (flow: Target, action: FlowAction) =>
      mutation.mutate(
        { id: flow.id, action },
        {
          onSuccess: ({ flow: result }) => {
            toast.success(FLOW_ACTION_COPY[action].done(flow.name))
            setAsking(null)
            if (action === "duplicate") navigate(flowHref(result))
          },
          onError: (error) =>
            toast.error(`${FLOW_ACTION_COPY[action].label} failed`, {
              description: error.message,
            }),
        }
      ),
    [mutation, navigate]
  )

  const request = useCallback(
    (flow: Target, action: FlowAction) =>
      FLOW_ACTION_COPY[action].confirm ? setAsking({ flow, action }) : run(flow, action),
    [run]
  )

  /** The menu items a flow in its status offers. */
  const menuFor = useCallback(
    (flow: Target): RowAction[] =>
      flowActionsFor(flow.status).map((action) => ({
        label: FLOW_ACTION_COPY[action].label,
        icon: ICONS[action],
        onClick: () => request(flow, action),
      })),
    [request]
  )

  const confirm = asking ? FLOW_ACTION_COPY[asking.action].confirm : undefined
  const prompt =
    asking && confirm ? (
      <ConfirmPrompt
        title={confirm.title(asking.flow.name)}
        description={confirm.description}
        actionLabel={confirm.action}
        testId={`flow-${asking.action}-prompt`}
        isPending={mutation.isPending}
        onClose={() => setAsking(null)}
        onConfirm={() => run(asking.flow, asking.action)}
      />
    ) : null

  return { request, menuFor, prompt, isPending: mutation.isPending }
}
