import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { ContactDataExport } from "../../../store/marketing/responses"
import { TIMELINE_PAGE } from "./query-config"
import { adminContactImportRoutes } from "./imports/openapi"
import {
  ConsentChangeResult,
  ConsentRecordList,
  ContactDetail,
  ContactEnrollmentList,
  ContactErasure,
  ContactEventList,
  ContactList,
  ContactPredictionList,
  ContactSegmentList,
  ContactSessionList,
  ScoreHistory,
  StageHistory,
} from "./responses"
import {
  AdminChangeEmailConsent,
  AdminListContactEnrollments,
  AdminListContactEvents,
  AdminListContacts,
  AdminScoreHistory,
} from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminContactRoutes: RouteGroup = {
  tag: "Contacts",
  description: "One contact per person: profile, consent, scores, stages, segments, events and privacy requests.",
  routes: [
    ...adminContactImportRoutes,
    {
      method: "get",
      path: "/admin/marketing/contacts",
      summary: "List contacts",
      description:
        "Contacts with pagination, sorting and filters. `q` matches part of an email, or exactly a visitor's anonymous id, a customer id or a cart id.",
      access: "admin",
      query: AdminListContacts,
      body: null,
      responses: ok(ContactList),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id",
      summary: "Get a contact",
      description: `The contact, its visitors and the first ${TIMELINE_PAGE} events of its timeline, newest first; page on with GET /admin/marketing/contacts/{id}/events.`,
      access: "admin",
      query: null,
      body: null,
      responses: ok(ContactDetail),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/events",
      summary: "List a contact's events",
      description: "The contact's event timeline, newest first.",
      access: "admin",
      query: AdminListContactEvents,
      body: null,
      responses: ok(ContactEventList),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/consent",
      summary: "List a contact's consent records",
      description: "The contact's email marketing consent history, newest first (at most 200): the proof of each change.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ConsentRecordList),
    },
    {
      method: "post",
      path: "/admin/marketing/contacts/:id/consent",
      summary: "Record a contact's email consent",
      description:
        "Records consent given or withdrawn outside the storefront (by phone, on paper, from an import), with the caller's IP and user agent as proof. " +
        "A denial suppresses the contact's address; a grant lifts an unsubscribe. Setting the status the contact already has changes nothing (`changes` is empty). " +
        "A merged contact's id acts on the contact it was merged into.",
      access: "admin",
      query: null,
      body: AdminChangeEmailConsent,
      responses: ok(ConsentChangeResult),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/enrollments",
      summary: "List a contact's flow enrollments",
      description: "The contact's enrollments in every flow, newest first, each with its flow, version and current step.",
      access: "admin",
      query: AdminListContactEnrollments,
      body: null,
      responses: ok(ContactEnrollmentList),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/score-history",
      summary: "Get a contact's score history",
      description:
        "Why the contact has its scores: the score ledger, newest first, each entry with what it is worth today (engagement points decay), and the current totals.",
      access: "admin",
      query: AdminScoreHistory,
      body: null,
      responses: ok(ScoreHistory),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/segments",
      summary: "List a contact's segments",
      description: "The segments the contact is a member of now.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ContactSegmentList),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/predictions",
      summary: "Get a contact's predictions",
      description:
        "The contact's predictions in every currency it bought in, from that currency's latest fit: the summary the models used (orders, first and last, " +
        "historic value, average days between orders) and the figures (probability active, churn risk and band, predicted orders and value over 365 days, " +
        "lifetime value, expected next order date). Empty when the contact has none. For a lead, `propensity`: the probability of a first " +
        "order within 30 days and its percentile among leads, from the latest propensity fit.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ContactPredictionList),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/sessions",
      summary: "Get a contact's sessions",
      description:
        "The contact's latest 50 storefront sessions (start, end, duration, pages, engaged time, landing page, source, channel), its session totals, and its pages and categories with the most engaged time.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ContactSessionList),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/stage-history",
      summary: "Get a contact's lifecycle stage history",
      description: "Every lifecycle stage the contact moved through, newest first (at most 100).",
      access: "admin",
      query: null,
      body: null,
      responses: ok(StageHistory),
    },
    {
      method: "get",
      path: "/admin/marketing/contacts/:id/export",
      summary: "Export a contact's data",
      description:
        "Everything the plugin holds on the person (GDPR access and portability), as a JSON attachment. Any of their contact ids works, a merged one too.",
      access: "admin",
      query: null,
      body: null,
      responses: {
        200: {
          description: "Every row about the person, by table.",
          schema: ContactDataExport,
          headers: { "Content-Disposition": 'attachment; filename="contact-<id>.json"', "Cache-Control": "no-store" },
        },
      },
    },
    {
      method: "post",
      path: "/admin/marketing/contacts/:id/erase",
      summary: "Erase a contact",
      description:
        "Erases the person (GDPR right to erasure): every row about them in every plugin table, and the contacts merged into theirs, for good. " +
        "Only a keyed hash of each of their addresses stays, as a suppression, so they are not mailed again. The Medusa customer stays. " +
        "Any of their contact ids works; erasing again answers 404.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(ContactErasure, "The person is erased."),
    },
  ],
}
