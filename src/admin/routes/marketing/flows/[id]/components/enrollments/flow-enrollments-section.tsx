import { UserGroup } from "@medusajs/icons"
import { Button } from "@medusajs/ui"
import { useCallback, useState } from "react"
import { useSearchParams } from "react-router-dom"
import { ListTable } from "../../../../../../components/list-table"
import { useFlowEnrollments, useFlowVersions } from "../../../../../../hooks/api/flows"
import type { Flow, FlowEnrollment } from "../../../../../../lib/types"
import { EnrollSegmentDrawer } from "./enroll-segment-drawer"
import { EnrollmentDrawer } from "./enrollment-drawer"
import { useEnrollmentsTableColumns } from "./use-enrollments-table-columns"
import { useEnrollmentsTableFilters } from "./use-enrollments-table-filters"
import { ENROLLMENTS_PAGE_SIZE, useEnrollmentsTableQuery } from "./use-enrollments-table-query"

/** `?enrollment=<id>` opens one enrollment's history, so Back closes it. */
const OPEN = "enrollment"

/**
 * The flow's enrollments under its canvas: contact, status, current step,
 * entered and next run, filtered by status; a row opens its history;
 * "Enroll a segment" enrolls a segment now or at a later time.
 */
export const FlowEnrollmentsSection = ({ flow }: { flow: Flow }) => {
  const query = useFlowEnrollments(flow.id, useEnrollmentsTableQuery())
  const { versions } = useFlowVersions(flow.id)
  const [searchParams, setSearchParams] = useSearchParams()
  const [enrolling, setEnrolling] = useState(false)
  const openId = searchParams.get(OPEN)

  // Steps are named as in the version each contact is in.
  const definitionOf = useCallback(
    (e: FlowEnrollment) => versions?.find((v) => v.id === e.flow_version_id)?.definition ?? flow.definition,
    [versions, flow.definition]
  )

  const open = (id: string | null) => {
    const next = new URLSearchParams(searchParams)
    if (id) next.set(OPEN, id)
    else next.delete(OPEN)
    setSearchParams(next, { replace: !id })
  }

  return (
    <ListTable
      heading="Enrollments"
      headingLevel="h2"
      description="Contacts who entered this flow, where they are and what happened at each step."
      data={query.enrollments}
      query={query}
      columns={useEnrollmentsTableColumns(definitionOf)}
      filters={useEnrollmentsTableFilters()}
      pageSize={ENROLLMENTS_PAGE_SIZE}
      onRowClick={(row) => open(row.id)}
      testId="flow-enrollments"
      emptyState={{
        empty: {
          heading: "No enrollments yet",
          description:
            flow.status === "active"
              ? "Contacts appear here when the trigger enrolls them, or when you enroll a contact or a segment."
              : "Publish the flow to start enrolling contacts.",
        },
        filtered: { heading: "No enrollments with this status", description: "Try another status." },
      }}
      actions={
        <Button
          size="small"
          variant="secondary"
          disabled={flow.status !== "active"}
          title={flow.status === "active" ? undefined : "Only an active flow enrolls contacts"}
          onClick={() => setEnrolling(true)}
          data-testid="flow-enroll-segment"
        >
          <UserGroup />
          Enroll a segment
        </Button>
      }
    >
      {openId ? (
        <EnrollmentDrawer flow={flow} enrollmentId={openId} definitionOf={definitionOf} onClose={() => open(null)} />
      ) : null}
      {enrolling ? <EnrollSegmentDrawer flow={flow} onClose={() => setEnrolling(false)} /> : null}
    </ListTable>
  )
}
