import type { UIMatch } from "react-router-dom"
import { useParams } from "react-router-dom"
import { DetailStates } from "../../../../components/detail-states"
import { TwoColumnLayout } from "../../../../components/layouts/two-column-layout"
import { useContact } from "../../../../hooks/api/contacts"
import { ContactAcquisitionSection } from "./components/contact-acquisition-section"
import { ContactBreadcrumb } from "./components/contact-breadcrumb"
import { ContactConsentSection } from "./components/contact-consent-section"
import { ContactCustomerSection } from "./components/contact-customer-section"
import { CONTACT_DETAIL } from "./components/contact-detail-states"
import { ContactEmailsSection } from "./components/contact-emails-section"
import { ContactFlowsSection } from "./components/contact-flows-section"
import { ContactGeneralSection } from "./components/contact-general-section"
import { ContactOwnerSection } from "./components/contact-owner-section"
import { ContactPredictionsSection } from "./components/contact-predictions-section"
import { ContactProfileSection } from "./components/contact-profile-section"
import { ContactScoreHistorySection } from "./components/contact-score-history-section"
import { ContactScoresSection } from "./components/contact-scores-section"
import { ContactSegmentsSection } from "./components/contact-segments-section"
import { ContactSessionsSection } from "./components/contact-sessions-section"
import { ContactStageHistorySection } from "./components/contact-stage-history-section"
import { ContactTechnographicsSection } from "./components/contact-technographics-section"
import { ContactTimelineSection } from "./components/contact-timeline-section"
import { ContactVisitorsSection } from "./components/contact-visitors-section"

const ContactDetailPage = () => {
  const { id } = useParams()
  const query = useContact(id)
  const { events, events_count } = query

  return (
    <DetailStates
      query={query}
      record={query.contact}
      {...CONTACT_DETAIL}
    >
      {(contact) => (
        <TwoColumnLayout
          main={
            <>
              <ContactGeneralSection contact={contact} eventsCount={events_count} />
              <ContactScoreHistorySection contactId={contact.id} />
              <ContactEmailsSection contactId={contact.id} />
              <ContactSessionsSection contactId={contact.id} />
              <ContactTimelineSection
                contactId={contact.id}
                initialEvents={events}
                initialCount={events_count}
              />
            </>
          }
          side={
            <>
              <ContactScoresSection contact={contact} />
              <ContactPredictionsSection contactId={contact.id} />
              <ContactSegmentsSection contactId={contact.id} />
              <ContactFlowsSection contactId={contact.id} />
              <ContactStageHistorySection contactId={contact.id} />
              <ContactProfileSection contact={contact} />
              <ContactCustomerSection contact={contact} />
              <ContactOwnerSection contact={contact} />
              <ContactConsentSection contact={contact} />
              <ContactTechnographicsSection contact={contact} />
              <ContactAcquisitionSection contact={contact} />
              <ContactVisitorsSection visitors={contact.visitors ?? []} />
            </>
          }
        />
      )}
    </DetailStates>
  )
}

export const handle = {
  breadcrumb: (match: UIMatch) => (
    <ContactBreadcrumb id={(match.params as { id?: string }).id} />
  ),
}

export default ContactDetailPage
