import { Container } from "@medusajs/ui"
import { DatedRow, TextLink } from "../../../../../components/list-item"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionStates } from "../../../../../components/section-states"
import { useContactSegments } from "../../../../../hooks/api/segments"

/** The segments the contact is in now, and since when. */
export const ContactSegmentsSection = ({ contactId }: { contactId: string }) => {
  const query = useContactSegments(contactId)
  const segments = query.segments ?? []

  return (
    <Container className="divide-y p-0" data-testid="marketing-contact-segments">
      <SectionHeader title="Segments" />
      <SectionStates
        {...query}
        what="segments"
        isEmpty={!segments.length}
        empty="The contact is in no segment."
      >
        <ul className="divide-y">
          {segments.map((segment) => (
            <DatedRow key={segment.id} date={segment.entered_at}>
              <TextLink
                to={`/marketing/segments/${segment.id}`}
                className="txt-compact-small-plus min-w-0"
                data-testid="marketing-contact-segment"
              >
                {segment.name}
              </TextLink>
            </DatedRow>
          ))}
        </ul>
      </SectionStates>
    </Container>
  )
}
