import { Container, Skeleton, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { RelativeTime } from "../../../../../components/relative-time"
import { SectionHeader } from "../../../../../components/section-header"
import { useContactSegments } from "../../../../../hooks/api/segments"

/** The segments the contact is in now, and since when. */
export const ContactSegmentsSection = ({ contactId }: { contactId: string }) => {
  const { segments, isPending, isError, error } = useContactSegments(contactId)

  return (
    <Container className="divide-y p-0" data-testid="marketing-contact-segments">
      <SectionHeader title="Segments" />
      {isPending ? (
        <div className="flex flex-col gap-y-2 px-6 py-4">
          <Skeleton className="h-4 w-[200px]" />
          <Skeleton className="h-4 w-[160px]" />
        </div>
      ) : isError ? (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-error">
            The segments could not be loaded
            {error?.message ? `: ${error.message}` : "."}
          </Text>
        </div>
      ) : !segments?.length ? (
        <div className="px-6 py-4">
          <Text size="small" leading="compact" className="text-ui-fg-subtle">
            The contact is in no segment.
          </Text>
        </div>
      ) : (
        <ul className="divide-y">
          {segments.map((segment) => (
            <li
              key={segment.id}
              className="flex items-center justify-between gap-x-4 px-6 py-3"
            >
              <Link
                to={`/marketing/segments/${segment.id}`}
                className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover transition-fg txt-compact-small-plus min-w-0 truncate"
                data-testid="marketing-contact-segment"
              >
                {segment.name}
              </Link>
              <Text
                size="small"
                leading="compact"
                className="text-ui-fg-subtle shrink-0"
              >
                <RelativeTime date={segment.entered_at} />
              </Text>
            </li>
          ))}
        </ul>
      )}
    </Container>
  )
}
