import { Container, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import type { UIMatch } from "react-router-dom"
import { useNavigate, useParams } from "react-router-dom"
import { DetailStates, SkeletonSection } from "../../../../components/detail-states"
import { SingleColumnLayout } from "../../../../components/layouts/single-column-layout"
import { useFlow, useFlowDraftCheck, useFlowStats, useFlowVersions, useUpdateFlow } from "../../../../hooks/api/flows"
import { deleteStep, insertStepAfter, replaceStep, stepIdOfMessage } from "../../../../lib/flows"
import type { Flow, FlowDefinition } from "../../../../lib/types"
import { DeleteFlowPrompt } from "../components/delete-flow-prompt"
import { useFlowActions } from "../components/use-flow-actions"
import { FlowBreadcrumb } from "./components/flow-breadcrumb"
import { FlowEnrollmentsSection } from "./components/enrollments/flow-enrollments-section"
import { FlowCanvas } from "./components/flow-builder/canvas"
import { FlowHeaderSection } from "./components/flow-header-section"
import { FlowProblemsSection } from "./components/flow-problems-section"
import { useFlowView } from "./components/flow-view"
import { StepDrawer } from "./components/step-drawer"
import { StepEditor } from "./components/step-editor"
import { useFlowNames } from "./components/use-flow-names"

const FLOW_DETAIL = {
  skeleton: (
    <SingleColumnLayout>
      <SkeletonSection rows={2} />
      <SkeletonSection rows={6} />
    </SingleColumnLayout>
  ),
  noun: "flow",
  listPath: "/marketing/flows",
  gone: "It may have been deleted.",
}

const FlowDetailPage = () => {
  const { id } = useParams()
  const query = useFlow(id)
  return (
    <DetailStates query={query} record={query.flow} {...FLOW_DETAIL}>
      {(flow) => <FlowPage flow={flow} />}
    </DetailStates>
  )
}

/** The flow's header and its canvas, for the current draft or a published version. */
const FlowPage = ({ flow }: { flow: Flow }) => {
  const navigate = useNavigate()
  const { versions } = useFlowVersions(flow.id)
  const { view, picked, pick } = useFlowView(flow, versions)
  const { steps: stats } = useFlowStats(flow.id, view.statsVersionId, { enabled: !!view.statsVersionId })
  // Only the current flow can be published; its problems are marked on its steps.
  const check = useFlowDraftCheck(flow.id, view.kind === "current" ? flow.updated_at : undefined)
  const names = useFlowNames()
  const actions = useFlowActions()
  const [selected, setSelected] = useState<string | null>(null)
  const [deleting, setDeleting] = useState(false)
  const update = useUpdateFlow(flow.id)
  // The step the last refused save named, with the server's message.
  const [refused, setRefused] = useState<{ stepId: string | null; message: string } | null>(null)
  const editable = view.kind === "current" && flow.status !== "archived"

  /** Saves the whole definition; a live flow's is checked and published as a new version. */
  const save = (definition: FlowDefinition, done: string, after?: () => void) =>
    update.mutate(
      { definition },
      {
        onSuccess: () => {
          setRefused(null)
          toast.success(done)
          after?.()
        },
        onError: (error) => {
          const stepId = stepIdOfMessage(error.message)
          setRefused({ stepId, message: error.message })
          toast.error("The flow was not saved", { description: error.message })
        },
      }
    )

  const problems = view.kind === "current" ? check.errors ?? [] : []
  const errorsByStep = useMemo(() => {
    const byStep: Record<string, string[]> = {}
    for (const error of problems) {
      if (error.step_id) (byStep[error.step_id] ??= []).push(error.message)
    }
    if (refused?.stepId) (byStep[refused.stepId] ??= []).unshift(refused.message.replace(/^Invalid request: /, ""))
    return byStep
  }, [problems, refused])
  const step = selected ? view.definition.steps?.[selected] : undefined

  return (
    <SingleColumnLayout>
      <FlowHeaderSection
        flow={flow}
        versions={versions ?? []}
        view={view}
        picked={picked}
        onPick={(value) => {
          setSelected(null)
          pick(value)
        }}
        actions={actions}
        canPublish={check.valid === true}
        names={names}
        onDelete={() => setDeleting(true)}
      />
      {problems.length ? <FlowProblemsSection errors={problems} /> : null}
      <Container className="overflow-hidden p-0">
        <FlowCanvas
          key={view.kind === "version" ? view.version.id : "current"}
          definition={view.definition}
          stats={view.statsVersionId ? stats : undefined}
          errors={errorsByStep}
          names={names}
          selectedStepId={selected}
          onSelectStep={setSelected}
        />
      </Container>
      <FlowEnrollmentsSection flow={flow} />
      {selected && step ? (
        <StepDrawer
          stepId={selected}
          step={step}
          stats={stats?.[selected]}
          errors={errorsByStep[selected] ?? []}
          names={names}
          onClose={() => setSelected(null)}
          editor={
            editable ? (
              <StepEditor
                key={`${selected}:${flow.updated_at}`}
                definition={view.definition}
                stepId={selected}
                step={step}
                isSaving={update.isPending}
                onSave={(next) => save(replaceStep(view.definition, selected, next), "Step saved")}
                onAddAfter={(type, branch) => {
                  const { definition, stepId } = insertStepAfter(view.definition, selected, type, branch)
                  save(definition, "Step added", () => setSelected(stepId))
                }}
                onDelete={() => save(deleteStep(view.definition, selected), "Step deleted", () => setSelected(null))}
              />
            ) : undefined
          }
        />
      ) : null}
      {actions.prompt}
      {deleting ? (
        <DeleteFlowPrompt
          flow={flow}
          onClose={() => setDeleting(false)}
          onDeleted={() => navigate("/marketing/flows", { replace: true })}
        />
      ) : null}
    </SingleColumnLayout>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => <FlowBreadcrumb id={(match.params as { id?: string }).id} />,
}

export default FlowDetailPage
