import type { RouteGroup } from "../../utils/openapi"
import { ok } from "../../utils/openapi"
import { StoreEraseMe } from "./me/validators"
import { MAX_BATCH_SIZE, StoreTrackEvents, StoreTrackEventsBody } from "./events/validators"
import { ContactDataExport, ErasureResponse, TrackEventsResponse } from "./responses"

/** The API reference of the storefront's routes: see `RouteDoc`. */
export const storeMarketingRoutes: RouteGroup = {
  tag: "Storefront",
  description: "What a storefront sends: events, and a logged-in customer's privacy requests.",
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
