import { Badge, Text } from "@medusajs/ui"
import { EnrollmentStatusBadge } from "../../../../../../components/enrollment-status-badge"
import { TextLink } from "../../../../../../components/list-item"
import { SectionStates } from "../../../../../../components/section-states"
import { SideDrawer } from "../../../../../../components/side-drawer"
import { useFlowEnrollment } from "../../../../../../hooks/api/flows"
import { describeEnrollmentEnd, describeStepRun, stepLabelIn } from "../../../../../../lib/flows"
import { formatDateTime, getContactTitle } from "../../../../../../lib/format"
import type { Flow, FlowStepRun } from "../../../../../../lib/types"
import type { DefinitionOf } from "./use-enrollments-table-columns"

const OUTCOME_COLORS: Record<FlowStepRun["outcome"], "green" | "orange" | "grey" | "red"> = {
  completed: "green",
  held: "orange",
  skipped: "grey",
  failed: "red",
}

/** One enrollment: who, where it stands or why it ended, and each step run with its reason, oldest first. */
export const EnrollmentDrawer = ({
  flow,
  enrollmentId,
  definitionOf,
  onClose,
}: {
  flow: Flow
  enrollmentId: string
  definitionOf: DefinitionOf
  onClose: () => void
}) => {
  const query = useFlowEnrollment(flow.id, enrollmentId)
  const e = query.enrollment
  const definition = e ? definitionOf(e) : undefined
  const contact = e?.contact

  return (
    <SideDrawer
      title="Enrollment"
      description={contact ? getContactTitle(contact) : e?.contact_id ?? "Loading…"}
      testId="flow-enrollment-drawer"
      closeLabel="Close"
      onClose={onClose}
    >
      <SectionStates {...query} what="the enrollment" isEmpty={!e} empty="This enrollment was not found." density="inline">
        {e ? (
          <>
            <div className="flex flex-col gap-y-2" data-testid="enrollment-summary">
              <div className="flex items-center gap-x-2">
                <EnrollmentStatusBadge status={e.status} />
                <Text size="small" className="text-ui-fg-subtle">
                  entered {formatDateTime(e.entered_at)}
                </Text>
              </div>
              {e.current_step_id ? (
                <Text size="small" data-testid="enrollment-now">
                  At {stepLabelIn(definition, e.current_step_id)}
                  {e.next_run_at ? `, next run ${formatDateTime(e.next_run_at)}` : ""}
                </Text>
              ) : (
                <Text size="small" data-testid="enrollment-end">
                  {describeEnrollmentEnd(e, definition)}
                  {e.ended_at ? ` (${formatDateTime(e.ended_at)})` : ""}
                </Text>
              )}
              <TextLink to={`/marketing/contacts/${e.contact_id}`} className="txt-compact-small">
                Open the contact
              </TextLink>
            </div>
            <div className="flex flex-col gap-y-2">
              <Text size="small" weight="plus">
                History
              </Text>
              {e.step_runs.length ? (
                <ol className="flex flex-col divide-y rounded-lg border" data-testid="enrollment-history">
                  {e.step_runs.map((run) => (
                    <li
                      key={run.id}
                      className="flex flex-col gap-y-1 px-3 py-2"
                      data-testid="enrollment-step-run"
                      data-step-id={run.step_id}
                      data-outcome={run.outcome}
                    >
                      <div className="flex items-center justify-between gap-x-2">
                        <Text size="small" weight="plus" className="truncate">
                          {stepLabelIn(definition, run.step_id)}
                        </Text>
                        <Badge size="2xsmall" color={OUTCOME_COLORS[run.outcome] ?? "grey"}>
                          {run.outcome}
                        </Badge>
                      </div>
                      <Text size="small" data-testid="enrollment-step-run-reason">
                        {describeStepRun(run)}
                      </Text>
                      <Text size="xsmall" className="text-ui-fg-muted">
                        {formatDateTime(run.started_at)}
                      </Text>
                    </li>
                  ))}
                </ol>
              ) : (
                <Text size="small" className="text-ui-fg-subtle">
                  No step has run yet.
                </Text>
              )}
            </div>
          </>
        ) : null}
      </SectionStates>
    </SideDrawer>
  )
}
