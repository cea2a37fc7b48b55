import { z } from "@medusajs/framework/zod"
import type { RouteDoc, RouteGroup } from "../utils/openapi"
import { component, ok } from "../utils/openapi"
import { StoreTrackEvents, StoreTrackEventsBody } from "../store/marketing/events/validators"
import { TrackEventsResponse } from "../store/marketing/responses"
import { BeaconQuery } from "./events/beacon/validators"
import { DeliveryFeedbackResponse, InvalidLinkPage, LinkPage, SendgridEvents, SignedJsonFeedback } from "./responses"

const token = z.object({ token: z.string().meta({ description: "The signed token from the email's link." }) })
const notFoundText = { 404: { description: "The token is not valid, or its message does not exist.", contentType: "text/plain" } }
const formBody = (fields: z.ZodRawShape) => z.object(fields).meta({ description: "A form post from the page." })
/** What every link in an email shares: no credentials, the token in the path, its own rate limit. */
const emailLink: Pick<RouteDoc, "access" | "params" | "query" | "body" | "errors"> = { access: "public", params: token, query: null, body: null, errors: [429] }

/** The API reference of the routes without credentials: see `RouteDoc`. */
export const publicMarketingRoutes: RouteGroup = {
  tag: "Public",
  description: "Routes without credentials: the tracker script, the page-hide beacon, email links and delivery webhooks.",
  routes: [
    {
      method: "get",
      path: "/marketing/tracker.js",
      summary: "The storefront tracker script",
      description: "One script tag pointing at the Medusa backend adds tracking to a storefront; cached for an hour, with an ETag.",
      access: "public",
      query: null,
      body: null,
      responses: {
        200: { description: "The script.", contentType: "application/javascript", headers: { ETag: "The script's version.", "Cache-Control": "public, max-age=3600" } },
        304: { description: "Unchanged since the `If-None-Match` ETag." },
      },
    },
    {
      method: "post",
      path: "/marketing/events/beacon",
      summary: "Record events sent on page hide",
      description:
        "What `navigator.sendBeacon` sends when the page is hidden: it cannot set headers, so the publishable key comes in the query and the body may be " +
        "`text/plain`. The same validation and storage as `POST /store/marketing/events`; no customer is linked.",
      access: "public",
      query: BeaconQuery,
      body: StoreTrackEvents,
      bodyDocument: StoreTrackEventsBody,
      bodyContentTypes: ["text/plain", "application/json"],
      responses: ok(TrackEventsResponse),
      errors: [408, 413, 429],
    },
    {
      method: "get",
      path: "/marketing/t/o/:token",
      summary: "Open pixel",
      description: "The 1×1 image in every email: records an open of the message.",
      ...emailLink,
      responses: { 200: { description: "A transparent 1×1 GIF.", contentType: "image/gif" }, ...notFoundText },
    },
    {
      method: "get",
      path: "/marketing/t/c/:token",
      summary: "Click redirect",
      description: "Records a click and redirects to the link's address. Only a token signed by this store redirects, so it is no open redirect.",
      ...emailLink,
      responses: { 302: { description: "To the link's address.", headers: { Location: "The address the email linked to." } }, ...notFoundText },
    },
    {
      method: "get",
      path: "/marketing/unsubscribe/:token",
      summary: "Unsubscribe page",
      description: "One button, so link scanners that follow links unsubscribe nobody.",
      ...emailLink,
      responses: { 200: LinkPage, 404: InvalidLinkPage },
    },
    {
      method: "post",
      path: "/marketing/unsubscribe/:token",
      summary: "Unsubscribe",
      description:
        "The page's button, and the one-click POST mailbox providers send from the `List-Unsubscribe` header (RFC 8058, body `List-Unsubscribe=One-Click`), " +
        "which answers `Unsubscribed` as plain text.",
      ...emailLink,
      bodyDocument: formBody({ "List-Unsubscribe": z.literal("One-Click").optional(), confirm: z.string().optional() }),
      bodyContentTypes: ["application/x-www-form-urlencoded"],
      responses: {
        200: { description: "A page saying so; `Unsubscribed` as text/plain for a one-click request.", contentType: ["text/html", "text/plain"] },
        404: InvalidLinkPage,
      },
    },
    {
      method: "get",
      path: "/marketing/preferences/:token",
      summary: "Email preferences page",
      description: "Topics, a pause, and unsubscribe from everything.",
      ...emailLink,
      responses: { 200: LinkPage, 404: InvalidLinkPage },
    },
    {
      method: "post",
      path: "/marketing/preferences/:token",
      summary: "Save email preferences",
      description: "Saves topics and pause, or unsubscribes from everything. Ticking a topic while unsubscribed subscribes again (the link came to the owner's mailbox).",
      ...emailLink,
      bodyDocument: formBody({
        action: z.enum(["save", "unsubscribe"]).optional(),
        topics: z.union([z.string(), z.array(z.string())]).optional().meta({ description: "The topic ids to receive." }),
        pause: z.enum(["none", "30", "90"]).optional().meta({ description: "Pause all marketing email for 30 or 90 days." }),
      }),
      bodyContentTypes: ["application/x-www-form-urlencoded"],
      responses: { 200: LinkPage, 404: InvalidLinkPage },
    },
    {
      method: "get",
      path: "/marketing/confirm/:token",
      summary: "Double opt-in page",
      description: "One button, so link scanners confirm nothing.",
      ...emailLink,
      responses: { 200: LinkPage, 404: InvalidLinkPage },
    },
    {
      method: "post",
      path: "/marketing/confirm/:token",
      summary: "Confirm a subscription",
      description: "Grants email consent (source `double_opt_in`), with the IP address and time as proof.",
      ...emailLink,
      responses: { 200: LinkPage, 404: InvalidLinkPage },
    },
    {
      method: "post",
      path: "/marketing/webhooks/email/:provider",
      summary: "Delivery feedback from an email provider",
      description:
        "Bounces, complaints and unsubscribes. A request whose signature does not verify is a 401 and changes nothing; " +
        "a provider that is not configured is a 404.",
      access: "public",
      params: z.object({ provider: z.enum(["sendgrid", "smtp"]) }),
      query: null,
      body: null,
      bodyDocument: z.union([SendgridEvents, SignedJsonFeedback]),
      responses: ok(DeliveryFeedbackResponse),
      errors: [401, 413, 429],
    },
  ],
}

const OpenApiDocument = component(
  "OpenApiDocument",
  z
    .object({ openapi: z.literal("3.1.0"), info: z.record(z.string(), z.unknown()), paths: z.record(z.string(), z.unknown()) })
    .loose()
    .meta({ description: "An OpenAPI 3.1 document: this one." })
)

/** The reference itself, in two parts. */
export const apiReferenceRoutes: RouteGroup = {
  tag: "API reference",
  description: "This document, as JSON: the part without an admin login, and the whole.",
  routes: [
    {
      method: "get",
      path: "/marketing/openapi.json",
      summary: "The storefront and public API reference",
      description: "The routes callable without an admin login: storefront, email links, webhooks.",
      access: "public",
      query: null,
      body: null,
      responses: ok(OpenApiDocument),
    },
    {
      method: "get",
      path: "/admin/marketing/openapi.json",
      summary: "The whole API reference",
      description: "Every route of the plugin, admin ones included.",
      access: "admin",
      query: null,
      body: null,
      responses: ok(OpenApiDocument),
    },
  ],
}
