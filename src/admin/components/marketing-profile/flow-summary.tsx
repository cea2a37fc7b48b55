import { Text } from "@medusajs/ui"
import { useContactEnrollments } from "../../hooks/api/flows"
import { stepLabel } from "../../lib/flows"
import { TextLink } from "../list-item"
import { SectionStates } from "../section-states"
import { ProfileSubsection } from "./profile-subsection"

/** The flows the contact is in now, each with its current step. */
export const FlowSummary = ({ contactId }: { contactId: string }) => {
  const query = useContactEnrollments(contactId, { status: "active" })
  const enrollments = query.enrollments ?? []

  return (
    <ProfileSubsection title="Flows" testId="marketing-profile-flows">
      <SectionStates
        {...query}
        what="flows"
        isEmpty={!enrollments.length}
        empty="In no flow now."
        skeleton={[200]}
        density="compact"
      >
        <ul className="pb-2">
          {enrollments.map((e) => (
            <li
              key={e.id}
              className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-2"
              data-testid="marketing-profile-flow"
              data-flow-id={e.flow_id}
            >
              <TextLink to={`/marketing/flows/${e.flow_id}?enrollment=${e.id}`} className="txt-compact-small">
                {e.flow?.name ?? e.flow_id}
              </TextLink>
              <Text size="small" leading="compact" className="text-ui-fg-base truncate" data-testid="marketing-profile-flow-step">
                {e.current_step ? stepLabel(e.current_step) : "-"}
              </Text>
            </li>
          ))}
        </ul>
      </SectionStates>
    </ProfileSubsection>
  )
}
