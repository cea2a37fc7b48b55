import type { RouteGroup } from "../../../utils/openapi"
import { ok } from "../../../utils/openapi"
import { DispatchMessagesResult, MessageListResponse, MessageResponse } from "./responses"
import { AdminDispatchMessages, AdminListMessages } from "./validators"

/** The API reference of these routes: see `RouteDoc`. */
export const adminMessageRoutes: RouteGroup = {
  tag: "Messages",
  description: "Emails sent to contacts, and their delivery and engagement.",
  routes: [
    {
      method: "get",
      path: "/admin/marketing/messages",
      summary: "List messages",
      description: "The message log, newest first, by contact, template or status.",
      access: "admin",
      query: AdminListMessages,
      body: null,
      responses: ok(MessageListResponse),
    },
    {
      method: "get",
      path: "/admin/marketing/messages/:id",
      summary: "Get a message",
      access: "admin",
      query: null,
      body: null,
      responses: ok(MessageResponse),
    },
    {
      method: "post",
      path: "/admin/marketing/messages/dispatch",
      summary: "Send due messages now",
      description:
        "Delivers up to `limit` due messages (queued ones and retries whose time has come) now, instead of waiting for the minutely job. " +
        "Safe beside the job: a message another dispatcher holds is skipped. Answers the counts.",
      access: "admin",
      query: null,
      body: AdminDispatchMessages,
      responses: ok(DispatchMessagesResult),
    },
  ],
}
