import { defineMiddlewares } from "@medusajs/framework/http"
import { AdminListContactEvents, AdminListContacts } from "./admin/marketing/contacts/validators"
import { StoreTrackEvents } from "./store/marketing/events/validators"
import { validateBody, validateQuery } from "./utils/validate"

// A full batch is 100 events of up to 8 KB of properties each.
const TRACKING_BODY_LIMIT = "1mb"

export default defineMiddlewares({
  routes: [
    {
      matcher: "/store/marketing/events",
      methods: ["POST"],
      bodyParser: { sizeLimit: TRACKING_BODY_LIMIT },
      middlewares: [validateBody(StoreTrackEvents)],
    },
    {
      matcher: "/marketing/events/beacon",
      methods: ["POST"],
      bodyParser: { sizeLimit: TRACKING_BODY_LIMIT },
    },
    {
      matcher: "/admin/marketing/contacts",
      methods: ["GET"],
      middlewares: [validateQuery(AdminListContacts)],
    },
    {
      matcher: "/admin/marketing/contacts/:id/events",
      methods: ["GET"],
      middlewares: [validateQuery(AdminListContactEvents)],
    },
  ],
})
