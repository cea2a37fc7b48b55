import { Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useContactSegments } from "../../hooks/api/segments"
import { formatDateTime, formatRelativeTime } from "../../lib/format"
import { ProfileSubsection } from "./profile-subsection"

/** The segments the contact is in, each linking to its page. */
export const SegmentSummary = ({ contactId }: { contactId: string }) => {
  const { segments, isPending, isError, error } = useContactSegments(contactId)

  return (
    <ProfileSubsection title="Segments" testId="marketing-profile-segments">
      {isPending ? (
        <div className="flex flex-col gap-y-2 px-6 py-2 pb-4">
          <Skeleton className="h-4 w-[200px]" />
        </div>
      ) : isError ? (
        <div className="px-6 py-2 pb-4">
          <Text size="small" leading="compact" className="text-ui-fg-error">
            The segments could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : !segments?.length ? (
        <div className="px-6 py-2 pb-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            In no segment.
          </Text>
        </div>
      ) : (
        <ul className="pb-2">
          {segments.map((segment) => (
            <li
              key={segment.id}
              className="text-ui-fg-subtle grid grid-cols-2 items-center gap-x-4 px-6 py-2"
            >
              <Link
                to={`/marketing/segments/${segment.id}`}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover transition-fg txt-compact-small truncate"
              >
                {segment.name}
              </Link>
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
      )}
    </ProfileSubsection>
  )
}
