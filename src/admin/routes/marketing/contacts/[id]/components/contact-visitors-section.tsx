import { Container, Copy, Text } from "@medusajs/ui"
import { DatedRow } from "../../../../../components/list-item"
import { SectionHeader } from "../../../../../components/section-header"
import { SectionStates } from "../../../../../components/section-states"
import type { Visitor } from "../../../../../lib/types"

/** The anonymous ids (browser cookies) that belong to this contact. */
export const ContactVisitorsSection = ({
  visitors,
}: {
  visitors: Visitor[]
}) => (
  <Container className="divide-y p-0">
    <SectionHeader
      title="Visitors"
      description="Anonymous ids from the storefront tracker"
    />
    <SectionStates
      what="visitors"
      isEmpty={visitors.length === 0}
      empty="No anonymous visitor ids. This contact is known from Medusa only."
    >
      <ul className="divide-y">
        {visitors.map((visitor) => (
          <DatedRow key={visitor.id} date={visitor.created_at} muted>
            <div className="flex min-w-0 items-center gap-x-1">
              <Text
                size="small"
                leading="compact"
                className="text-ui-fg-base truncate font-mono"
                title={visitor.anonymous_id}
              >
                {visitor.anonymous_id}
              </Text>
              <Copy content={visitor.anonymous_id} className="text-ui-fg-muted" />
            </div>
          </DatedRow>
        ))}
      </ul>
    </SectionStates>
  </Container>
)
