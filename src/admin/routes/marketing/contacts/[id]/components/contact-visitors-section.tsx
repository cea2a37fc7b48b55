import { Container, Copy, Text } from "@medusajs/ui"
import { RelativeTime } from "../../../../../components/relative-time"
import { SectionHeader } from "../../../../../components/section-header"
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
    {visitors.length === 0 ? (
      <div className="px-6 py-4">
        <Text size="small" leading="compact" className="text-ui-fg-subtle">
          No anonymous visitor ids. This contact is known from Medusa only.
        </Text>
      </div>
    ) : (
      <ul className="divide-y">
        {visitors.map((visitor) => (
          <li
            key={visitor.id}
            className="flex items-center justify-between gap-x-4 px-6 py-3"
          >
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
            <Text
              size="small"
              leading="compact"
              className="text-ui-fg-muted shrink-0"
            >
              <RelativeTime date={visitor.created_at} />
            </Text>
          </li>
        ))}
      </ul>
    )}
  </Container>
)
