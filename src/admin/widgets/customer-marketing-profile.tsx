import { defineWidgetConfig } from "@medusajs/admin-sdk"
import type { AdminCustomer, DetailWidgetProps } from "@medusajs/framework/types"
import { Button, Container } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import {
  ActivitySummary,
  ConsentSummary,
  FlowSummary,
  PredictionSummary,
  RecentEvents,
  ScoreSummary,
  SegmentSummary,
} from "../components/marketing-profile"
import { SectionHeader } from "../components/section-header"
import { SectionStates } from "../components/section-states"
import { useContact, useContacts } from "../hooks/api/contacts"
import type { ContactResponse } from "../lib/types"

/** The blocks of the widget, top to bottom. */
const PROFILE_SECTIONS: {
  id: string
  render: (detail: ContactResponse) => ReactNode
}[] = [
  { id: "activity", render: ({ contact }) => <ActivitySummary contact={contact} /> },
  { id: "scores", render: ({ contact }) => <ScoreSummary contact={contact} /> },
  {
    id: "predictions",
    render: ({ contact }) => <PredictionSummary contactId={contact.id} />,
  },
  {
    id: "segments",
    render: ({ contact }) => <SegmentSummary contactId={contact.id} />,
  },
  { id: "flows", render: ({ contact }) => <FlowSummary contactId={contact.id} /> },
  { id: "consent", render: ({ contact }) => <ConsentSummary contact={contact} /> },
  {
    id: "recent-events",
    render: ({ events, events_count }) => (
      <RecentEvents events={events} total={events_count} />
    ),
  },
]

const CustomerMarketingProfileWidget = ({
  data: customer,
}: DetailWidgetProps<AdminCustomer>) => {
  const lookup = useContacts(
    { customer_id: customer.id, limit: 1 },
    // Never show another customer's contact while this one loads.
    { placeholderData: undefined }
  )
  const contactId = lookup.contacts?.[0]?.id
  const detail = useContact(contactId)

  const isLoading = lookup.isPending || (!!contactId && detail.isPending)
  const error = lookup.error ?? detail.error

  const contactDetail: ContactResponse | undefined = detail.contact
    ? {
        contact: detail.contact,
        events: detail.events ?? [],
        events_count: detail.events_count ?? 0,
      }
    : undefined

  return (
    <Container className="divide-y p-0" data-testid="marketing-profile-widget">
      <SectionHeader
        title="Marketing profile"
        actions={
          contactId ? (
            <Button size="small" variant="secondary" asChild>
              <Link
                to={`/marketing/contacts/${contactId}`}
                data-testid="marketing-profile-view-contact"
              >
                View contact
              </Link>
            </Button>
          ) : null
        }
      />
      <SectionStates
        isPending={isLoading}
        isError={!!error}
        error={error}
        what="marketing profile"
        isEmpty={!contactId || !contactDetail}
        empty="No marketing activity yet"
        skeleton={[200, 250, 160]}
      >
        {contactDetail
          ? PROFILE_SECTIONS.map((section) => (
              <div key={section.id}>{section.render(contactDetail)}</div>
            ))
          : null}
      </SectionStates>
    </Container>
  )
}

export const config = defineWidgetConfig({
  zone: "customer.details.after",
})

export default CustomerMarketingProfileWidget
