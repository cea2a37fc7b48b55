import { useContactEnrollments } from "../../hooks/api/flows"
import { stepLabel } from "../../lib/flows"
import { ProfileLinkRow, ProfileList } from "./profile-subsection"

/** The flows the contact is in now, each with its current step. */
export const FlowSummary = ({ contactId }: { contactId: string }) => {
  const query = useContactEnrollments(contactId, { status: "active" })
  const enrollments = query.enrollments ?? []

  return (
    <ProfileList
      title="Flows"
      testId="marketing-profile-flows"
      query={query}
      what="flows"
      isEmpty={!enrollments.length}
      empty="In no flow now."
    >
      {enrollments.map((e) => (
        <ProfileLinkRow
          key={e.id}
          to={`/marketing/flows/${e.flow_id}?enrollment=${e.id}`}
          label={e.flow?.name ?? e.flow_id}
          detail={e.current_step ? stepLabel(e.current_step) : "-"}
          detailTestId="marketing-profile-flow-step"
          data-testid="marketing-profile-flow"
          data-flow-id={e.flow_id}
        />
      ))}
    </ProfileList>
  )
}
