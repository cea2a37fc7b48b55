import { Text } from "@medusajs/ui"
import { useContactSegments } from "../../hooks/api/segments"
import { formatDateTime, formatRelativeTime } from "../../lib/format"
import { TextLink } from "../list-item"
import { SectionStates } from "../section-states"
import { ProfileSubsection } from "./profile-subsection"

/** The segments the contact is in, each linking to its page. */
export const SegmentSummary = ({ contactId }: { contactId: string }) => {
  const query = useContactSegments(contactId)
  const segments = query.segments ?? []

  return (
    <ProfileSubsection title="Segments" testId="marketing-profile-segments">
      <SectionStates
        {...query}
        what="segments"
        isEmpty={!segments.length}
        empty="In no segment."
        skeleton={[200]}
        density="compact"
      >
        <ul className="pb-2">
          {segments.map((segment) => (
            <li
              key={segment.id}
              className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-2"
            >
              <TextLink
                to={`/marketing/segments/${segment.id}`}
                className="txt-compact-small"
              >
                {segment.name}
              </TextLink>
              <Text
                size="small"
                leading="compact"
                className="text-ui-fg-base"
                title={formatDateTime(segment.entered_at)}
              >
                since {formatRelativeTime(segment.entered_at)}
              </Text>
            </li>
          ))}
        </ul>
      </SectionStates>
    </ProfileSubsection>
  )
}
