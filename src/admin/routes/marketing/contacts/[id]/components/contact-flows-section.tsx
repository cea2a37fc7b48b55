import { Plus } from "@medusajs/icons"
import { Button, Container, Text } from "@medusajs/ui"
import { useState } from "react"
import { EnrollmentStatusBadge } from "../../../../../components/enrollment-status-badge"
import { ItemHeader, TextLink } from "../../../../../components/list-item"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionStates } from "../../../../../components/section-states"
import { useContactEnrollments } from "../../../../../hooks/api/flows"
import { describeEnrollmentEnd, stepLabel } from "../../../../../lib/flows"
import type { ContactEnrollment } from "../../../../../lib/types"
import { EnrollContactDrawer } from "./enroll-contact-drawer"

// The latest ones; the flow's own page has the rest.
const LIMIT = 20

/** Where the contact stands in a flow: the current step, or why it ended. */
export const enrollmentWhere = (e: ContactEnrollment) =>
  e.current_step ? stepLabel(e.current_step) : describeEnrollmentEnd(e) ?? "-"

/** The flows the contact is in (and was in), with the current step, and "Enroll in flow". */
export const ContactFlowsSection = ({ contactId }: { contactId: string }) => {
  const query = useContactEnrollments(contactId, { limit: LIMIT })
  const enrollments = query.enrollments ?? []
  const [enrolling, setEnrolling] = useState(false)

  return (
    <Container className="divide-y p-0" data-testid="marketing-contact-flows">
      <SectionHeader
        title="Flows"
        actions={
          <Button size="small" variant="secondary" onClick={() => setEnrolling(true)} data-testid="contact-enroll">
            <Plus />
            Enroll
          </Button>
        }
      />
      <SectionStates {...query} what="flows" isEmpty={!enrollments.length} empty="The contact has never been in a flow.">
        <ul className="divide-y">
          {enrollments.map((e) => (
            <li
              key={e.id}
              className="flex flex-col gap-y-1 px-6 py-3"
              data-testid="marketing-contact-flow"
              data-flow-id={e.flow_id}
              data-status={e.status}
            >
              <div className="flex items-center justify-between gap-x-2">
                <TextLink to={`/marketing/flows/${e.flow_id}?enrollment=${e.id}`} className="txt-compact-small-plus min-w-0">
                  {e.flow?.name ?? e.flow_id}
                </TextLink>
                <EnrollmentStatusBadge status={e.status} />
              </div>
              <ItemHeader date={e.entered_at} muted size="xsmall">
                <Text size="small" className="text-ui-fg-subtle truncate" data-testid="marketing-contact-flow-step">
                  {enrollmentWhere(e)}
                </Text>
              </ItemHeader>
            </li>
          ))}
        </ul>
      </SectionStates>
      {enrolling ? <EnrollContactDrawer contactId={contactId} onClose={() => setEnrolling(false)} /> : null}
    </Container>
  )
}
