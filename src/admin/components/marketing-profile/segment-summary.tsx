import { useContactSegments } from "../../hooks/api/segments"
import { formatDateTime, formatRelativeTime } from "../../lib/format"
import { ProfileLinkRow, ProfileList } from "./profile-subsection"

/** The segments the contact is in, each linking to its page. */
export const SegmentSummary = ({ contactId }: { contactId: string }) => {
  const query = useContactSegments(contactId)
  const segments = query.segments ?? []

  return (
    <ProfileList
      title="Segments"
      testId="marketing-profile-segments"
      query={query}
      what="segments"
      isEmpty={!segments.length}
      empty="In no segment."
    >
      {segments.map((segment) => (
        <ProfileLinkRow
          key={segment.id}
          to={`/marketing/segments/${segment.id}`}
          label={segment.name}
          detail={`since ${formatRelativeTime(segment.entered_at)}`}
          detailTitle={formatDateTime(segment.entered_at)}
        />
      ))}
    </ProfileList>
  )
}
