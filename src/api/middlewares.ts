import { defineMiddlewares } from "@medusajs/framework/http"
import { AdminListContactEvents, AdminListContacts, AdminScoreHistory } from "./admin/marketing/contacts/validators"
import {
  AdminCreateScoringRule,
  AdminDeleteScoringRuleQuery,
  AdminListScoringRules,
  AdminPreviewScoringRule,
  AdminRuleFieldsQuery,
  AdminUpdateScoringRule,
} from "./admin/marketing/scoring-rules/validators"
import { AdminUpdateScoringSettings } from "./admin/marketing/scoring-settings/validators"
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
    {
      matcher: "/admin/marketing/contacts/:id/score-history",
      methods: ["GET"],
      middlewares: [validateQuery(AdminScoreHistory)],
    },
    { matcher: "/admin/marketing/scoring-rules", methods: ["GET"], middlewares: [validateQuery(AdminListScoringRules)] },
    { matcher: "/admin/marketing/scoring-rules", methods: ["POST"], middlewares: [validateBody(AdminCreateScoringRule)] },
    {
      matcher: "/admin/marketing/scoring-rules/preview",
      methods: ["POST"],
      middlewares: [validateBody(AdminPreviewScoringRule)],
    },
    { matcher: "/admin/marketing/scoring-rules/fields", methods: ["GET"], middlewares: [validateQuery(AdminRuleFieldsQuery)] },
    { matcher: "/admin/marketing/scoring-rules/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateScoringRule)] },
    {
      matcher: "/admin/marketing/scoring-rules/:id",
      methods: ["DELETE"],
      middlewares: [validateQuery(AdminDeleteScoringRuleQuery)],
    },
    {
      matcher: "/admin/marketing/scoring-settings",
      methods: ["POST"],
      middlewares: [validateBody(AdminUpdateScoringSettings)],
    },
  ],
})
