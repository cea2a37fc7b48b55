import { authenticate, defineMiddlewares } from "@medusajs/framework/http"
import {
  AdminChangeEmailConsent,
  AdminListContactEvents,
  AdminListContacts,
  AdminScoreHistory,
} from "./admin/marketing/contacts/validators"
import {
  AdminCreateScoringRule,
  AdminDeleteScoringRuleQuery,
  AdminListScoringRules,
  AdminPreviewScoringRule,
  AdminRuleFieldsQuery,
  AdminUpdateScoringRule,
} from "./admin/marketing/scoring-rules/validators"
import { AdminUpdateScoringSettings } from "./admin/marketing/scoring-settings/validators"
import {
  AdminAddBuiltInSegment,
  AdminCreateSegment,
  AdminListSegmentMembers,
  AdminListSegments,
  AdminPreviewSegment,
  AdminUpdateSegment,
} from "./admin/marketing/segments/validators"
import { StoreTrackEvents } from "./store/marketing/events/validators"
import {
  AdminCreateEmailTemplate,
  AdminInstallStarterTemplates,
  AdminListEmailTemplates,
  AdminPreviewEmailTemplate,
  AdminPreviewUnsavedEmailTemplate,
  AdminTestSendEmailTemplate,
  AdminUpdateEmailTemplate,
} from "./admin/marketing/templates/validators"
import { AdminDispatchMessages, AdminListMessages } from "./admin/marketing/messages/validators"
import { validateBody, validateQuery } from "./utils/validate"
import { StoreEraseMe } from "./store/marketing/me/validators"

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
    { matcher: "/admin/marketing/templates", methods: ["GET"], middlewares: [validateQuery(AdminListEmailTemplates)] },
    { matcher: "/admin/marketing/templates", methods: ["POST"], middlewares: [validateBody(AdminCreateEmailTemplate)] },
    { matcher: "/admin/marketing/templates/preview", methods: ["POST"], middlewares: [validateBody(AdminPreviewUnsavedEmailTemplate)] },
    { matcher: "/admin/marketing/templates/starters", methods: ["POST"], middlewares: [validateBody(AdminInstallStarterTemplates)] },
    { matcher: "/admin/marketing/templates/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateEmailTemplate)] },
    { matcher: "/admin/marketing/templates/:id/preview", methods: ["POST"], middlewares: [validateBody(AdminPreviewEmailTemplate)] },
    { matcher: "/admin/marketing/templates/:id/test-send", methods: ["POST"], middlewares: [validateBody(AdminTestSendEmailTemplate)] },
    { matcher: "/admin/marketing/messages", methods: ["GET"], middlewares: [validateQuery(AdminListMessages)] },
    { matcher: "/admin/marketing/messages/dispatch", methods: ["POST"], middlewares: [validateBody(AdminDispatchMessages)] },
    { matcher: "/admin/marketing/contacts/:id/consent", methods: ["POST"], middlewares: [validateBody(AdminChangeEmailConsent)] },
    // Delivery feedback: the signature is over the exact bytes received.
    { matcher: "/marketing/webhooks/email/:provider", methods: ["POST"], bodyParser: { preserveRawBody: true, sizeLimit: "5mb" } },
    { matcher: "/admin/marketing/segments", methods: ["GET"], middlewares: [validateQuery(AdminListSegments)] },
    { matcher: "/admin/marketing/segments", methods: ["POST"], middlewares: [validateBody(AdminCreateSegment)] },
    { matcher: "/admin/marketing/segments/preview", methods: ["POST"], middlewares: [validateBody(AdminPreviewSegment)] },
    { matcher: "/admin/marketing/segments/built-ins", methods: ["POST"], middlewares: [validateBody(AdminAddBuiltInSegment)] },
    { matcher: "/admin/marketing/segments/:id", methods: ["POST"], middlewares: [validateBody(AdminUpdateSegment)] },
    {
      matcher: "/admin/marketing/segments/:id/contacts",
      methods: ["GET"],
      middlewares: [validateQuery(AdminListSegmentMembers)],
    },
    {
      matcher: "/admin/marketing/scoring-settings",
      methods: ["POST"],
      middlewares: [validateBody(AdminUpdateScoringSettings)],
    },
    // Privacy (GDPR): a logged-in customer exports or erases their own marketing data.
    {
      matcher: "/store/marketing/me/export",
      methods: ["GET"],
      middlewares: [authenticate("customer", ["session", "bearer"])],
    },
    {
      matcher: "/store/marketing/me/erase",
      methods: ["POST"],
      middlewares: [authenticate("customer", ["session", "bearer"]), validateBody(StoreEraseMe)],
    },
  ],
})
