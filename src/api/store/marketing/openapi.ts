import type { RouteGroup } from "../../utils/openapi"
import { ok } from "../../utils/openapi"
import { StoreEraseMe } from "./me/validators"
import { MAX_BATCH_SIZE, StoreTrackEvents, StoreTrackEventsBody } from "./events/validators"
import { ContactDataExport, ErasureResponse, TrackEventsResponse } from "./responses"
import { StoreFormSubmission, StoreFormView, StoreFormVisibility } from "./forms/validators"
import { StoreFormSubmissionResponse, StoreFormVisibilityResponse, StoreFormsResponse } from "./forms/responses"

/** The API reference of the storefront's routes: see `RouteDoc`. */
export const storeMarketingRoutes: RouteGroup = {
  tag: "Storefront",
  description: "What a storefront sends: events, signup forms, and a logged-in customer's privacy requests.",
  routes: [
    {
      method: "post",
      path: "/store/marketing/events",
      summary: "Record storefront events",
      description:
        `One event, or \`{ events: [...] }\` with 1 to ${MAX_BATCH_SIZE}. A logged-in customer's token or session links the visitor to the customer. ` +
        "Naming a cart in `properties.cart_id` says the visitor owns it: the cart's guest events move onto the visitor's contact. " +
        "A batch is stored whole or not at all; an invalid event answers 400 and nothing is written.",
      access: "store",
      query: null,
      body: StoreTrackEvents,
      bodyDocument: StoreTrackEventsBody,
      responses: ok(TrackEventsResponse, "The events' outcome, counted."),
      errors: [413, 429],
    },
    {
      method: "get",
      path: "/store/marketing/forms",
      summary: "List the active signup forms",
      description:
        "The active forms as the tracker needs them to decide and render: no segment ids, no figures. " +
        "Answered with `Cache-Control: public, max-age=60`; what depends on the visitor comes from `POST /store/marketing/forms/visibility`.",
      access: "store",
      query: null,
      body: null,
      responses: { 200: { description: "OK", schema: StoreFormsResponse, headers: { "Cache-Control": "public, max-age=60" } } },
      errors: [429],
    },
    {
      method: "post",
      path: "/store/marketing/forms/visibility",
      summary: "Forms hidden from a visitor",
      description:
        "Per visitor, never cached: the active forms this visitor must not see (a contact already subscribed sees no signup form; segment targeting and exclusion), and the contact's country when known.",
      access: "store",
      query: null,
      body: StoreFormVisibility,
      responses: ok(StoreFormVisibilityResponse),
      errors: [413, 429],
    },
    {
      method: "post",
      path: "/store/marketing/forms/:id/views",
      summary: "Count a form's view or close",
      description: "Counted per form, variant and UTC day, for the form's figures and its A/B test. 404 for a form that is not active.",
      access: "store",
      query: null,
      body: StoreFormView,
      responses: { 204: { description: "Counted." } },
      errors: [413, 429],
    },
    {
      method: "post",
      path: "/store/marketing/forms/:id/submissions",
      summary: "Submit a signup form",
      description:
        "Creates or updates the contact through the same path as an `identify` event (stitched to the visitor), records email consent from source `form` " +
        "with the form's name and consent text as proof (pending, and a confirmation email, when the store has double opt-in), stores the submission and a " +
        "`form_submitted` event (`form_id`, `form_name`, `variant`) that flows can start from. A 400 names the field (`values.email`, `consent.given`, " +
        "`values.custom.plan`) and nothing is written; no contact is written before the consent a form requires.",
      access: "store",
      query: null,
      body: StoreFormSubmission,
      responses: { 201: { description: "Stored.", schema: StoreFormSubmissionResponse } },
      errors: [413, 429],
    },
    {
      method: "get",
      path: "/store/marketing/me/export",
      summary: "Export my marketing data",
      description: "The logged-in customer's marketing data (GDPR access and portability), as an attachment.",
      access: "customer",
      query: null,
      body: null,
      responses: ok(ContactDataExport),
      errors: [429],
    },
    {
      method: "post",
      path: "/store/marketing/me/erase",
      summary: "Erase my marketing data",
      description: "Erases the logged-in customer's marketing data (GDPR right to erasure). The Medusa account stays.",
      access: "customer",
      query: null,
      body: StoreEraseMe,
      responses: ok(ErasureResponse),
      errors: [429],
    },
  ],
}
