import { Container, Heading, Text, toast } from "@medusajs/ui"
import { useMemo, useState } from "react"
import type { UIMatch } from "react-router-dom"
import { useNavigate, useParams, useSearchParams } from "react-router-dom"
import { DetailStates, SkeletonSection } from "../../../../components/detail-states"
import { SingleColumnLayout } from "../../../../components/layouts/single-column-layout"
import { useFlow, useFlowDraftCheck, useFlowStats, useFlowVersions, useUpdateFlow } from "../../../../hooks/api/flows"
import { deleteStep, insertStepAfter, insertStepAtStart, replaceStep, stepEarningsLine, stepIdOfMessage } from "../../../../lib/flows"
import type { Flow, FlowDefinition, StepType } from "../../../../lib/types"
import { DeleteFlowPrompt } from "../components/delete-flow-prompt"
import { useFlowActions } from "../components/use-flow-actions"
import { AddStartStep } from "./components/add-start-step"
import { FlowBreadcrumb } from "./components/flow-breadcrumb"
import { FlowEnrollmentsSection } from "./components/enrollments/flow-enrollments-section"
import { FlowPerformanceSection, useFlowPerformance } from "./components/performance/flow-performance-section"
import { FlowCanvas } from "./components/flow-builder/canvas"
import { FlowHeaderSection } from "./components/flow-header-section"
import { FlowProblemsSection } from "./components/flow-problems-section"
import { useFlowView } from "./components/flow-view"
import { FlowSettingsDrawer } from "./components/settings/flow-settings-drawer"
import { StepDrawer } from "./components/step-drawer"
import { useFlowAbDecisions } from "../../../../hooks/api/flow-ab-decisions"
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
  const { decisions: abDecisions } = useFlowAbDecisions(flow.id, { enabled: !!view.statsVersionId })
  // The canvas and the Performance section read one report (GET /admin/marketing/reports/flows/:id).
  const performance = useFlowPerformance(flow.id)
  const earnings = useMemo(
    () => Object.fromEntries((performance.report.steps ?? []).map((s) => [s.step_id, stepEarningsLine(s, performance.period)])),
    [performance.report.steps, performance.period]
  )
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
  // In the URL (?settings=open): a link opens the panel and Back closes it.
  const [params, setParams] = useSearchParams()
  const settingsOpen = editable && params.get("settings") === "open"
  const setSettingsOpen = (open: boolean) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev)
        open ? next.set("settings", "open") : next.delete("settings")
        return next
      },
      { replace: !open }
    )

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
      // "no: leads to…": the field inside the step, so a step's two problems read apart.
      const field = error.path.replace(/^steps\.[^.]+\.?/, "")
      if (error.step_id) (byStep[error.step_id] ??= []).push(field ? `${field}: ${error.message}` : error.message)
    }
    if (refused?.stepId) (byStep[refused.stepId] ??= []).unshift(refused.message.replace(/^Invalid request: /, ""))
    return byStep
  }, [problems, refused])
  const step = selected ? view.definition.steps?.[selected] : undefined
  const empty = !Object.keys(view.definition.steps ?? {}).length
  const addAtStart = (type: StepType) => {
    const { definition, stepId } = insertStepAtStart(view.definition, type)
    save(definition, "Step added", () => setSelected(stepId))
  }

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
        onOpenSettings={editable ? () => setSettingsOpen(true) : undefined}
      />
      {problems.length ? <FlowProblemsSection errors={problems} /> : null}
      <Container className="divide-y overflow-hidden p-0">
        {editable && !empty ? (
          <div className="flex flex-wrap items-center justify-between gap-2 px-6 py-3">
            <Text size="small" className="text-ui-fg-subtle">
              Click a step to edit it and add steps after it.
            </Text>
            <AddStartStep label="Add at the start" disabled={update.isPending} onAdd={addAtStart} />
          </div>
        ) : null}
        <FlowCanvas
          key={view.kind === "version" ? view.version.id : "current"}
          definition={view.definition}
          stats={view.statsVersionId ? stats : undefined}
          earnings={earnings}
          errors={errorsByStep}
          names={names}
          selectedStepId={selected}
          onSelectStep={setSelected}
          overlay={
            editable && empty ? (
              <div
                className="bg-ui-bg-base shadow-elevation-card-rest flex flex-col items-center gap-y-3 rounded-lg px-6 py-4"
                data-testid="flow-empty-canvas"
              >
                <Heading level="h3">No steps yet</Heading>
                <Text size="small" className="text-ui-fg-subtle">
                  Contacts the trigger brings in go through the steps, top to bottom.
                </Text>
                <AddStartStep label="Add the first step" disabled={update.isPending} onAdd={addAtStart} />
              </div>
            ) : undefined
          }
        />
      </Container>
      <FlowPerformanceSection report={performance.report} period={performance.period} onPeriod={performance.setPeriod} />
      <FlowEnrollmentsSection flow={flow} />
      {selected && step ? (
        <StepDrawer
          stepId={selected}
          step={step}
          stats={stats?.[selected]}
          errors={errorsByStep[selected] ?? []}
          abDecision={abDecisions?.find((d) => d.flow_version_id === view.statsVersionId && d.step_id === selected)}
          names={names}
          onClose={() => setSelected(null)}
          editor={
            editable ? (
              <StepEditor
                // Started afresh when this step's saved form changes, not at every new revision of the flow: a
                // refetch or a save elsewhere in the flow keeps what is being typed here.
                key={`${selected}:${JSON.stringify(step)}`}
                revision={flow.updated_at}
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
                onMove={(definition) => save(definition, "Step moved")}
              />
            ) : undefined
          }
        />
      ) : null}
      {settingsOpen ? (
        <FlowSettingsDrawer flow={flow} problems={problems} onClose={() => setSettingsOpen(false)} />
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
